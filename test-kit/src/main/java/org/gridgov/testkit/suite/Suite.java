package org.gridgov.testkit.suite;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gridgov.testkit.Processes;
import org.gridgov.testkit.EmbeddedPostgresServer;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.KafkaBrokerProcess;

/**
 * The whole suite on one machine: one embedded PostgreSQL (a database and role per service), one
 * Kafka broker, and the four packaged services, each in a JVM of its own. Used by the system test
 * (which kills and restarts services and restarts the broker) and by the one-command local run.
 */
public final class Suite implements AutoCloseable {

    public enum Service {
        GRID("grid-service", "grid", 8081),
        EVENT("event-service", "event", 8082),
        ESCALATION("escalation-service", "escalation", 8083),
        SCORING("scoring-service", "scoring", 8084);

        public final String module;
        public final String database;
        public final int defaultPort;

        Service(String module, String database, int defaultPort) {
            this.module = module;
            this.database = database;
            this.defaultPort = defaultPort;
        }
    }

    /**
     * @param root      the repository root (the services' target/quarkus-app are read from there)
     * @param workDir   logs, keys and (when persistent) the database files
     * @param persistent keep PostgreSQL data in workDir between runs
     * @param fixedPorts use 8081..8084, 15432 and Kafka on {@link #KAFKA_PORT} instead of free ports (and 8080 for the console)
     * @param console    also start the console (the web front end, a fifth process, no database), after the services
     */
    public record Options(Path root, Path workDir, boolean persistent, boolean fixedPorts, boolean console) {
        /** the four services without the console */
        public Options(Path root, Path workDir, boolean persistent, boolean fixedPorts) {
            this(root, workDir, persistent, fixedPorts, false);
        }
    }

    /** Kafka's client port in the local run (fixed ports): partners' and departments' systems connect to localhost:9092. */
    public static final int KAFKA_PORT = 9092;

    /** the console's module, its port in the local run */
    static final String CONSOLE_MODULE = "console";
    static final int CONSOLE_PORT = 8080;

    private final Options options;
    private final EmbeddedPostgresServer pg;
    private final KafkaBrokerProcess kafka;
    private final JwtKeys keys;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private ConsoleProcess console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Suite(Options options, EmbeddedPostgresServer pg, KafkaBrokerProcess kafka, JwtKeys keys) {
        this.options = options;
        this.pg = pg;
        this.kafka = kafka;
        this.keys = keys;
    }

    /** Starts PostgreSQL, Kafka and the four services, and waits until every service is ready. */
    public static Suite start(Options o, Duration readyTimeout) {
        try {
            Files.createDirectories(o.workDir().resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Service s : Service.values()) {
            Path jar = jar(o.root(), s);
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
            }
        }
        if (o.console() && !Files.exists(consoleJar(o.root()))) {
            throw new IllegalStateException(consoleJar(o.root()) + " is missing: build first (./mvnw -DskipTests package)");
        }
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(o.persistent() ? o.workDir().resolve("pg") : null,
                o.fixedPorts() ? 15432 : 0);
        for (Service s : Service.values()) {
            pg.ensureDatabase(s.database, s.database, s.database);
        }
        KafkaBrokerProcess kafka;
        try {
            // a fresh log directory at every start, as before: the topics start empty
            kafka = KafkaBrokerProcess.start(o.workDir().resolve("kafka"), o.workDir().resolve("logs/kafka.log"), readyTimeout,
                    o.fixedPorts() ? KAFKA_PORT : 0);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
        Suite suite = new Suite(o, pg, kafka, JwtKeys.loadOrCreate(o.workDir().resolve("jwt")));
        for (Service s : Service.values()) {
            suite.ports.put(s, o.fixedPorts() ? s.defaultPort : freePort());
        }
        try {
            for (Service s : Service.values()) {
                suite.launch(s);
            }
            for (Service s : Service.values()) {
                suite.awaitReady(s, readyTimeout);
            }
            if (o.console()) {
                suite.startConsole(readyTimeout);
            }
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    static Path jar(Path root, Service s) {
        return root.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    static Path consoleJar(Path root) {
        return root.resolve(CONSOLE_MODULE).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The demo users' tokens ({@code tokens.env}): the local run's file, read by the console's local sign-in page. */
    public Path tokensFile() {
        return options.workDir().resolve("tokens.env");
    }

    /** Writes a token for each demo user into {@link #tokensFile()}, valid for the given time. */
    public Path writeDemoTokens(Duration validity) {
        StringBuilder env = new StringBuilder("# tokens for the demo users, valid " + validity.toHours() + " hours: source this file\n");
        for (DemoData.User u : DemoData.USERS) {
            env.append("# ").append(u.id()).append(": ").append(String.join(",", new java.util.TreeSet<>(u.roles())))
                    .append(u.claims().isEmpty() ? "" : " " + u.claims()).append('\n');
            env.append("export ").append(u.envName()).append('=')
                    .append(keys.token(u.id(), u.roles(), u.claims(), validity)).append('\n');
        }
        try {
            Files.writeString(tokensFile(), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokensFile();
    }

    private void startConsole(Duration readyTimeout) {
        int port = options.fixedPorts() ? CONSOLE_PORT : freePort();
        console = ConsoleProcess.start(consoleJar(options.root()), port, consoleEnvironment(Map.of()),
                options.workDir().resolve("logs").resolve(CONSOLE_MODULE + ".log"), readyTimeout);
    }

    private Map<String, String> consoleEnvironment(Map<String, String> overrides) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "GRIDGOV_CONSOLE_SERVICES_GRID", url(Service.GRID), "GRIDGOV_CONSOLE_SERVICES_EVENT", url(Service.EVENT),
                "GRIDGOV_CONSOLE_SERVICES_ESCALATION", url(Service.ESCALATION), "GRIDGOV_CONSOLE_SERVICES_SCORING", url(Service.SCORING),
                "GRIDGOV_CONSOLE_DEMO_TOKENS", tokensFile().toString(), "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
        env.putAll(overrides);
        return env;
    }

    /** A port nobody listens on yet, e.g. for a console whose URL must be known before it starts. */
    public static int freeLocalPort() {
        return freePort();
    }

    /**
     * A further console in a JVM of its own on {@code port}, forwarding to this suite's services unless the environment
     * says otherwise (e.g. {@code QUARKUS_PROFILE=prod} and an OIDC provider: the deployment's sign-in).
     */
    public ConsoleProcess launchConsole(int port, Map<String, String> environment, Duration readyTimeout) {
        return ConsoleProcess.start(consoleJar(options.root()), port, consoleEnvironment(environment),
                options.workDir().resolve("logs").resolve(CONSOLE_MODULE + "-" + port + ".log"), readyTimeout);
    }

    /** The console's URL (the web front end), when started with it. */
    public String consoleUrl() {
        if (console == null) {
            throw new IllegalStateException("the suite was started without the console");
        }
        return console.url();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts one service's JVM (after a kill or stop). */
    public synchronized void launch(Service s) {
        Process running = processes.get(s);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException(s.module + " is already running");
        }
        processes.put(s, start(s, ports.get(s), s.module + ".log", Map.of()));
    }

    /** A further replica of a running service: same database and topics, a port and log of its own. */
    public record Replica(Service service, int port, Process process) implements AutoCloseable {
        public String url() {
            return "http://localhost:" + port;
        }

        @Override
        public void close() {
            Processes.stop(process, Duration.ofSeconds(20));
        }
    }

    /** Starts a further replica of a service and waits until it is ready. */
    public Replica launchReplica(Service s, Duration readyTimeout) {
        return launchReplica(s, readyTimeout, Map.of());
    }

    /** As {@link #launchReplica(Service, Duration)}, with environment variables of its own (a profile, a key). */
    public Replica launchReplica(Service s, Duration readyTimeout, Map<String, String> environment) {
        int port = freePort();
        Replica r = new Replica(s, port, start(s, port, s.module + "-" + port + ".log", environment));
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!ready("http://localhost:" + port)) {
            if (!r.process().isAlive() || System.nanoTime() > deadline) {
                r.close();
                throw new IllegalStateException(s.module + " replica on " + port + " did not get ready");
            }
            sleep(250);
        }
        return r;
    }

    private static boolean ready(String url) {
        return org.gridgov.testkit.Probe.ok(url + "/q/health/ready");
    }

    private Process start(Service s, int port, String logName, Map<String, String> environment) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8", "-jar", jar(options.root(), s).toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        // the local run and the system test: the repository's keys are allowed (never in a deployment)
        env.put("QUARKUS_PROFILE", "local");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(s.database));
        env.put("QUARKUS_DATASOURCE_USERNAME", s.database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", s.database);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyFile().toString());
        // photos and files of event-service, kept with the suite's other data
        env.put("GRIDGOV_EVIDENCE_DIR", options.workDir().resolve("evidence").toString());
        env.putAll(environment);
        File log = options.workDir().resolve("logs").resolve(logName).toFile();
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + s.module, e);
        }
    }

    /** {@code kill -9}: the JVM dies at once, mid-transaction, without shutdown hooks. */
    public synchronized void kill(Service s) {
        Processes.kill(processes.get(s));
    }

    /** A graceful stop (SIGTERM). */
    public synchronized void stop(Service s) {
        Processes.stop(processes.get(s), Duration.ofSeconds(20));
    }

    /** Takes a service's database away (refused connections, open ones dropped), or gives it back. */
    public void databaseAvailable(Service s, boolean available) {
        pg.allowConnections(s.database, available);
    }

    /** Stops the Kafka broker gracefully (SIGTERM); the services keep running and retry. */
    public void stopBroker() {
        kafka.stop();
    }

    /** {@code kill -9} of the Kafka broker. */
    public void killBroker() {
        kafka.kill();
    }

    /** Starts the Kafka broker again on the same port and log directory, and waits until it answers. */
    public void startBroker() {
        kafka.start(Duration.ofSeconds(120));
    }

    /** Waits until the service's readiness check (database and Kafka included) says UP. */
    public void awaitReady(Service s, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastStatus = "no answer";
        while (System.nanoTime() < deadline) {
            Process p = processes.get(s);
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException(s.module + " exited with " + p.exitValue() + "; see " + logFile(s));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(s) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                lastStatus = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                lastStatus = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(s.module + " not ready after " + timeout + " (" + lastStatus + "); see " + logFile(s));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Path logFile(Service s) {
        return options.workDir().resolve("logs").resolve(s.module + ".log");
    }

    public String url(Service s) {
        return "http://localhost:" + ports.get(s);
    }

    /** The operating-system id of a service's running JVM (for CPU readings from /proc), or -1 when it is not running. */
    public synchronized long pid(Service s) {
        Process p = processes.get(s);
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(Service s) {
        return pg.jdbcUrl(s.database);
    }

    public JwtKeys keys() {
        return keys;
    }

    @Override
    public synchronized void close() {
        if (console != null) {
            console.close();
        }
        for (Service s : Service.values()) {
            Process p = processes.get(s);
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (Service s : Service.values()) {
            Process p = processes.get(s);
            try {
                if (p != null && !p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kafka.close();
        pg.close();
    }
}
