package org.gridgov.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in a JVM of its own ({@code kafka.Kafka}, one combined KRaft broker and
 * controller), so that it can be stopped and started again on the same ports and the same log
 * directory, as a broker restarts in production. The suite runs its services against this one;
 * the component tests keep the faster {@link EmbeddedKafkaBroker}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
    private final KafkaBrokerConfig config;
    private final Path logFile;
    private Process process;

    private KafkaBrokerProcess(KafkaBrokerConfig config, Path logFile) {
        this.config = config;
        this.logFile = logFile;
    }

    /**
     * Formats a fresh log directory in {@code dir} (anything there is deleted), starts the broker and
     * waits until it answers.
     *
     * @param logFile the broker's output, appended across restarts
     */
    public static KafkaBrokerProcess start(Path dir, Path logFile, Duration readyTimeout) {
        return start(dir, logFile, readyTimeout, 0);
    }

    /** As {@link #start(Path, Path, Duration)}, clients connecting on {@code port} (0: a free port). */
    public static KafkaBrokerProcess start(Path dir, Path logFile, Duration readyTimeout, int port) {
        KafkaBrokerConfig config = KafkaBrokerConfig.fresh(dir, port);
        KafkaBrokerProcess broker = new KafkaBrokerProcess(config, logFile);
        broker.run("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                config.propertiesFile().toString());
        broker.start(readyTimeout);
        return broker;
    }

    /** Starts the broker again (after {@link #stop()} or {@link #kill()}) on the same ports and log directory. */
    public synchronized void start(Duration readyTimeout) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the Kafka broker is already running");
        }
        process = launch("kafka.Kafka", config.propertiesFile().toString());
        try {
            KafkaReadiness.await(bootstrapServers(), process, readyTimeout);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; see " + logFile, e);
        }
    }

    /** A graceful stop (SIGTERM): the broker closes its logs cleanly; waits until its JVM has ended. */
    public synchronized void stop() {
        end(false);
    }

    /** {@code kill -9}: the broker dies at once and recovers its logs on the next start. */
    public synchronized void kill() {
        end(true);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String bootstrapServers() {
        return "localhost:" + config.port();
    }

    public Path logDir() {
        return config.logDir();
    }

    @Override
    public synchronized void close() {
        end(false);
    }

    private void end(boolean forcibly) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (forcibly) {
            Processes.kill(p);
        } else {
            Processes.stop(p, Duration.ofSeconds(30));
        }
    }

    /** Runs a Kafka command line tool to its end. */
    private void run(String mainClass, String... args) {
        Process p = launch(mainClass, args);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish; see " + logFile);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(mainClass + " exited with " + p.exitValue() + "; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process launch(String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dlogging.configuration=" + config.loggingFile().toUri(),
                // Kafka's log level controller asks Log4j, which has no provider here
                "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
                "-cp", KafkaClasspath.of(), mainClass));
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(logFile.getParent());
            File log = logFile.toFile();
            return new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }
}
