package org.gridgov.testkit.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gridgov.testkit.Processes;

/**
 * A real OIDC provider for tests: Keycloak's own distribution (org.keycloak:keycloak-quarkus-dist, unpacked by the
 * build) in development mode, in a process of its own, with one realm imported from a file. Keycloak needs Java 21 or
 * later; {@link #java()} finds one.
 */
public final class KeycloakServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * A Java home of version 21 or later: {@code -Dgridgov.keycloak.java}, {@code $KEYCLOAK_JAVA_HOME}, the running
     * Java, or the newest under /usr/lib/jvm.
     */
    public static Optional<Path> java() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("gridgov.keycloak.java")).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("KEYCLOAK_JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.sorted(Comparator.comparingInt(KeycloakServer::version).reversed()).forEach(candidates::add);
        } catch (IOException e) {
            // no /usr/lib/jvm
        }
        return candidates.stream().filter(p -> version(p) >= 21 && Files.isExecutable(p.resolve("bin/java"))).findFirst();
    }

    /** the feature version of a Java home, from its {@code release} file; 0 when unknown */
    static int version(Path home) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Starts Keycloak from {@code home} (the unpacked distribution) on a free port with the realm file imported (its
     * {@code ${VAR}} placeholders resolved from {@code environment}), and waits until the realm answers. Earlier data of
     * this home is dropped, so the realm is imported afresh.
     */
    public static KeycloakServer start(Path home, Path javaHome, String realmJson, String realm, Map<String, String> environment,
            int port, Path log, Duration readyTimeout) {
        try {
            deleteTree(home.resolve("data"));
            Files.createDirectories(home.resolve("data/import"));
            Files.writeString(home.resolve("data/import/" + realm + "-realm.json"), realmJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-port=" + port,
                "--import-realm", "--health-enabled=true", "--cache=local");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        pb.environment().putAll(environment);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        KeycloakServer kc;
        try {
            kc = new KeycloakServer(pb.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!org.gridgov.testkit.Probe.ok(kc.issuer(realm) + "/.well-known/openid-configuration")) {
            if (!kc.process.isAlive() || System.nanoTime() > deadline) {
                kc.close();
                throw new IllegalStateException("Keycloak did not get ready (realm " + realm + "); see " + log);
            }
            sleep(500);
        }
        return kc;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** the realm's issuer, e.g. http://localhost:8180/realms/gridgov */
    public String issuer(String realm) {
        return url() + "/realms/" + realm;
    }

    /** the realm's signing keys (JWKS), as the services read them */
    public String jwks(String realm) {
        return issuer(realm) + "/protocol/openid-connect/certs";
    }

    @Override
    public void close() {
        // kc.sh starts the JVM as its child: end the whole tree
        process.descendants().forEach(ProcessHandle::destroy);
        Processes.stop(process, Duration.ofSeconds(20));
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
