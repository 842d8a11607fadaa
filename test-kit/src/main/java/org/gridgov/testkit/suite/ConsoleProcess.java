package org.gridgov.testkit.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.gridgov.testkit.Processes;
/**
 * The console (the web front end) in a JVM of its own, in the local profile (the demo users' sign-in page instead of
 * an OIDC provider) unless its environment names another. It needs no database and no Kafka: it forwards to the four
 * services.
 */
public final class ConsoleProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ConsoleProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ConsoleProcess start(Path jar, int port, Map<String, String> environment, Path log, Duration readyTimeout) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xms32m", "-Xmx160m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-jar",
                jar.toString());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_PROFILE", "local");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.putAll(environment);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ConsoleProcess c;
        try {
            c = new ConsoleProcess(pb.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the console", e);
        }
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!c.ready()) {
            if (!c.process.isAlive()) {
                throw new IllegalStateException("the console exited with " + c.process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                c.close();
                throw new IllegalStateException("the console is not ready after " + readyTimeout + "; see " + log);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return c;
    }

    private boolean ready() {
        return org.gridgov.testkit.Probe.ok(url() + "/q/health/ready");
    }

    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(20));
    }
}
