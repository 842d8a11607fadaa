package org.gridgov.testkit.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.gridgov.testkit.JwtKeys;

/**
 * The one-command local run ({@code ./run.sh}): embedded PostgreSQL (data kept in
 * {@code .gridgov/pg} between runs; {@code --reset} starts afresh), a Kafka broker in a JVM of its
 * own (topics start empty at every run), the four services, the demo street, and tokens for the
 * demo users. Ctrl-C stops everything.
 */
public final class LocalSuite {


    private LocalSuite() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path root = Path.of(System.getProperty("gridgov.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve(".gridgov");
        boolean reset = Stream.of(args).anyMatch("--reset"::equals);
        if (reset) {
            deleteTree(work.resolve("pg"));
            System.out.println("reset: the databases start empty");
        }
        System.out.println("starting PostgreSQL, Kafka, the four services and the console ...");
        Suite suite = Suite.start(new Suite.Options(root, work, true, true, true), Duration.ofSeconds(180));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping the suite ...");
            suite.close();
            System.out.println("stopped; data kept in " + work.resolve("pg"));
        }, "suite-stop"));
        JwtKeys keys = suite.keys();
        String admin = keys.token("admin", Set.of("admin"), Map.of(), Duration.ofMinutes(30));
        DemoData.load(suite.url(Suite.Service.GRID), admin);
        SecondCounty.load(suite.url(Suite.Service.GRID), admin);
        SecondCounty.loadSettings(suite.url(Suite.Service.EVENT), suite.url(Suite.Service.ESCALATION), keys.token("admin-minhou",
                Set.of("admin"), Map.of("district", java.util.List.of(SecondCounty.DISTRICT)), Duration.ofMinutes(30)));
        Path apiKeyFile = work.resolve("open311-api-key");
        DemoIntegrations.load(suite.url(Suite.Service.EVENT), admin, apiKeyFile);
        if (Stream.of(args).anyMatch("--county"::equals)) {
            System.out.println("importing Changle at full scale (3,600 grids, 110,000 households) ...");
            System.out.println("  " + CountyImport.load(suite.url(Suite.Service.GRID), admin,
                    new org.gridgov.testkit.demo.CountyGenerator(org.gridgov.testkit.demo.CountyGenerator.FULL, 100)));
        }
        Path tokens = suite.writeDemoTokens(Duration.ofHours(12));
        double secs = (System.nanoTime() - t0) / 1e9;

        System.out.printf("%n gridgov is up (%.1f s). Logs: %s%n%n", secs, work.resolve("logs"));
        System.out.printf("  console (web)       %s   sign in as a demo user; public board %s/board.html%n%n", suite.consoleUrl(),
                suite.consoleUrl());
        for (Suite.Service s : Suite.Service.values()) {
            System.out.printf("  %-19s %s   Swagger UI: %s/q/swagger-ui   health: %s/q/health%n", s.module, suite.url(s),
                    suite.url(s), suite.url(s));
        }
        System.out.printf("%n  PostgreSQL          %s (one database per service)%n", suite.jdbcUrl(Suite.Service.GRID).replace("/grid", "/<service>"));
        System.out.printf("  Kafka               %s%n", suite.kafkaBootstrap());
        System.out.printf("%n  Open311 GeoReport v2: %s/open311/v2/discovery.json   demo app's api_key: %s%n", suite.url(Suite.Service.EVENT),
                root.relativize(apiKeyFile));
        System.out.printf("  Demo partner systems: %s, each writing gridgov.partner.<code>.report.v1 (docs/integration/partner-system.md)%n",
                String.join(", ", DemoIntegrations.PARTNERS.stream().map(p -> p[0]).toList()));
        System.out.printf("%n  Tokens for the demo users (%s):%n      source %s%n", String.join(", ", DemoData.USERS.stream().map(DemoData.User::id).toList()), root.relativize(tokens));
        System.out.println("  Another token:     ./run.sh token <demo user>   or   ./run.sh token <user> <role>[,<role>...] [--grids=<code>,...] "
                + "[--communities=...] [--streets=...] [--district=...] [--dept=...]");
        System.out.println("  Demo street 汤泉街道 (350182001) of 长乐区: 2 communities, 6 grids around 119.526E 25.964N.");
        System.out.println("  A second county, 闽侯县 (350121): 甘蔗街道, 1 community, 2 grids around 119.284E 26.072N; "
                + "each county's own administrator: admin-changle, admin-minhou.");
        System.out.println("  Walk one report around the loop: see README.md, 'Walk-through'.");
        System.out.println("\n  Ctrl-C stops everything.");
        Thread.currentThread().join();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
