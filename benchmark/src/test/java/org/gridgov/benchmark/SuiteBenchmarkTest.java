package org.gridgov.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.gridgov.testkit.demo.CountyGenerator;
import org.gridgov.testkit.suite.CountyImport;
import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.Suite;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whole-suite benchmark. It starts the suite exactly as {@code ./run.sh --county} does (the
 * same {@link Suite}, so the same JVM settings, the demo street and Changle at full scale), with no
 * warm-up: a real deployment is measured cold too. Then a load generator in a JVM of its own
 * ({@link LoadGenerator}) runs every phase twice, cold and warm, and the machine's pgbench limit
 * ({@code ../shared/bench/pglimit.sh}) is measured in the same run, before the suite starts, so that
 * every throughput is also a ratio of it. One table is printed and written to
 * {@code benchmark/target/benchmark.txt}. Targets are printed next to the figures, not asserted.
 * <p>
 * Run: {@code ./mvnw -Pbenchmark -pl benchmark -am verify -Dtest=SuiteBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * {@code -Dbench.seconds=15} sets each phase's length, {@code -Dbench.search-steps=3} the search's steps,
 * {@code -Dbench.pglimit=<script>} another limit script ({@code none} skips it).
 */
@Tag("benchmark")
class SuiteBenchmarkTest {
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    static final int SEARCH_STEPS = Integer.getInteger("bench.search-steps", 3);

    @Test
    void wholeSuiteColdAndWarm() throws Exception {
        Path root = Path.of(System.getProperty("gridgov.root", "..")).toAbsolutePath().normalize();
        Path target = root.resolve("benchmark/target");
        Path work = target.resolve("suite");
        deleteTree(work);
        Files.createDirectories(work);

        PgLimit limit = PgLimit.measure(Path.of(System.getProperty("bench.pglimit", root.resolve("../shared/bench/pglimit.sh").toString())));
        System.out.println("pgbench limit: " + limit);

        long t0 = System.nanoTime();
        // as ./run.sh --county: the suite, the demo street, then Changle at full scale
        try (Suite suite = Suite.start(new Suite.Options(root, work, false, false), Duration.ofSeconds(240))) {
            double started = (System.nanoTime() - t0) / 1e9;
            String admin = suite.keys().token("admin", Set.of("admin"), Map.of(), Duration.ofMinutes(30));
            DemoData.load(suite.url(Suite.Service.GRID), admin);
            long t1 = System.nanoTime();
            String imported = CountyImport.load(suite.url(Suite.Service.GRID), admin, new CountyGenerator(CountyGenerator.FULL, 100));
            awaitCountyInEventService(suite);
            double county = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "suite up in %.1f s; county imported and located by event-service in %.1f s (%s)%n", started,
                    county, imported);

            Path results = target.resolve("benchmark-phases.jsonl");
            Files.deleteIfExists(results);
            Path config = target.resolve("generator.properties");
            Properties c = new Properties();
            c.setProperty("event.url", suite.url(Suite.Service.EVENT));
            c.setProperty("kafka", suite.kafkaBootstrap());
            c.setProperty("jwt.dir", work.resolve("jwt").toString());
            c.setProperty("out", results.toString());
            c.setProperty("seconds", String.valueOf(SECONDS));
            c.setProperty("search.steps", String.valueOf(SEARCH_STEPS));
            String[] services = { "grid", "event", "escalation", "scoring" };
            for (int i = 0; i < services.length; i++) {
                c.setProperty("pid." + services[i], String.valueOf(suite.pid(Suite.Service.values()[i])));
            }
            c.setProperty("pid.suite-JVM", String.valueOf(ProcessHandle.current().pid()));
            try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                c.store(w, "the whole-suite benchmark's load generator");
            }
            System.out.println("load generator running, about 10 minutes: tail -f " + target.resolve("generator.log"));
            int exit = generate(config, target.resolve("generator.log"));

            List<Phase> phases = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                phases.add(json.readValue(line, Phase.class));
            }
            String table = BenchmarkTable.render(phases, limit, started, county, SECONDS);
            System.out.println("\n" + table);
            Files.writeString(target.resolve("benchmark.txt"), table, StandardCharsets.UTF_8);
            assertEquals(0, exit, "the load generator failed; see " + target.resolve("generator.log"));
            assertFalse(phases.isEmpty(), "no phase measured");
        }
    }

    /** the load generator in a JVM of its own, on this classpath; its progress and log in a file ({@code tail -f} it) */
    private static int generate(Path config, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder b = new ProcessBuilder(java, "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-cp", classpath,
                LoadGenerator.class.getName(), config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        b.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = b.start();
        if (!p.waitFor(40, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /**
     * Waits until event-service's replica has the county's grids: a grid worker's probe report in the
     * last cell of the lattice is placed in that cell's grid (a new probe every 2 s, each at a spot of its own).
     */
    static void awaitCountyInEventService(Suite suite) throws Exception {
        String lastGrid = new CountyGenerator(CountyGenerator.FULL, 100).gridCodes().get(LoadGenerator.GRIDS - 1);
        String worker = suite.keys().token("bench-probe", Set.of("grid_worker"), Map.of("district", java.util.List.of("350182")),
                Duration.ofMinutes(30));
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String url = suite.url(Suite.Service.EVENT);
        double south = LoadGenerator.SOUTH + (LoadGenerator.GRIDS / LoadGenerator.COLUMNS - 1) * LoadGenerator.CELL + 0.0002;
        double west = LoadGenerator.WEST + (LoadGenerator.COLUMNS - 1) * LoadGenerator.CELL + 0.0002;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            String body = String.format(Locale.ROOT, "{\"category\":\"other.unclassified\",\"description\":\"基准测试探针\","
                    + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},\"address\":\"探针\"}", south + i / 6 % 6 * 0.0006,
                    west + i % 6 * 0.0006);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/events")).header("Authorization", "Bearer " + worker)
                    .header("Content-Type", "application/json").header("Idempotency-Key", "probe-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String id = r.statusCode() / 100 == 2 ? json.readTree(r.body()).path("id").asText(null) : null;
            Thread.sleep(2000);
            if (id != null) {
                String event = http.send(HttpRequest.newBuilder(URI.create(url + "/events/" + id)).header("Authorization", "Bearer " + worker)
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                if (lastGrid.equals(json.readTree(event).path("gridCode").asText(null))) {
                    return;
                }
            }
        }
        throw new IllegalStateException("event-service did not locate reports in the county's grids within 5 minutes");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
