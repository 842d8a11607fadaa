package org.gridgov.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The settings of a {@link KafkaBrokerProcess}: two fixed ports (clients, controller), a log
 * directory, and the {@code server.properties} naming them, written once and read at every start;
 * next to it the broker's logging settings (JBoss LogManager, the test kit's SLF4J binding).
 */
record KafkaBrokerConfig(int port, int controllerPort, Path logDir, Path propertiesFile) {

    /** Below Linux's ephemeral range (32768 and up): no client connection can take the port while the broker is down. */
    private static final int LOWEST_PORT = 20000;
    private static final int HIGHEST_PORT = 32000;

    /** Warnings and errors, and the broker's start and stop. */
    private static final String LOGGING = String.join("\n",
            "logger.level=WARN",
            "logger.handlers=CONSOLE",
            "loggers=kafka.server.KafkaRaftServer,kafka.server.BrokerServer,kafka.server.ControllerServer",
            "logger.kafka.server.KafkaRaftServer.level=INFO",
            "logger.kafka.server.BrokerServer.level=INFO",
            "logger.kafka.server.ControllerServer.level=INFO",
            "handler.CONSOLE=org.jboss.logmanager.handlers.ConsoleHandler",
            "handler.CONSOLE.properties=autoFlush,target",
            "handler.CONSOLE.autoFlush=true",
            "handler.CONSOLE.target=SYSTEM_OUT",
            "handler.CONSOLE.formatter=PATTERN",
            "formatter.PATTERN=org.jboss.logmanager.formatters.PatternFormatter",
            "formatter.PATTERN.properties=pattern",
            "formatter.PATTERN.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] %s%e%n",
            "");

    /** Deletes {@code dir}, picks two free ports and writes the properties there. */
    static KafkaBrokerConfig fresh(Path dir) {
        return fresh(dir, 0);
    }

    /**
     * Deletes {@code dir} and writes the properties there: the client port {@code fixedPort} (0: a free one) and a
     * free controller port.
     */
    static KafkaBrokerConfig fresh(Path dir, int fixedPort) {
        try {
            deleteTree(dir);
            Path logDir = Files.createDirectories(dir.resolve("data"));
            int port = fixedPort > 0 ? fixedPort : freePort();
            int controllerPort = freePort();
            while (controllerPort == port) {
                controllerPort = freePort();
            }
            KafkaBrokerConfig c = new KafkaBrokerConfig(port, controllerPort, logDir, dir.resolve("server.properties"));
            Files.writeString(c.propertiesFile(), c.properties());
            Files.writeString(c.loggingFile(), LOGGING);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka broker in " + dir, e);
        }
    }

    /** The same settings as {@link EmbeddedKafkaBroker}'s, for one combined broker and controller. */
    String properties() {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "log.dirs=" + logDir.toAbsolutePath(),
                "auto.create.topics.enable=true",
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "group.min.session.timeout.ms=2000",
                "log.cleaner.backoff.ms=1000",
                // after a kill -9 the restarted broker waits for its old registration to expire
                "broker.heartbeat.interval.ms=1000",
                "broker.session.timeout.ms=4000",
                "");
    }

    Path loggingFile() {
        return propertiesFile.resolveSibling("logging.properties");
    }

    private static int freePort() throws IOException {
        InetAddress localhost = InetAddress.getByName("localhost");
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT);
            try (ServerSocket socket = new ServerSocket(candidate, 1, localhost)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between " + LOWEST_PORT + " and " + HIGHEST_PORT);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
