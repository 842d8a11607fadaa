package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.geo.GridIndex;
import org.gridgov.grid.registry.GridRegistry;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.demo.CountyGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * County-scale benchmark (Changle: 3,600 grids, 110,000 households): import times, and locate
 * throughput in-process and over HTTP. Run: ./mvnw -Pbenchmark -pl grid-service -am test
 * Figures go to stdout and grid-service/target/benchmark.txt; they are measured, not asserted.
 */
@QuarkusTest
@Tag("benchmark")
class GridBenchmarkTest {
    static final String ADMIN = JwtKeys.forTests().token("bench-admin", "admin");

    @Inject
    GridRegistry registry;

    @Test
    void importAndLocateAtCountyScale() throws Exception {
        StringBuilder report = new StringBuilder();
        CountyGenerator county = new CountyGenerator(CountyGenerator.FULL, 100);
        String grids = county.featureCollection(true);
        byte[] households = county.householdsCsv().getBytes(StandardCharsets.UTF_8);

        long t0 = System.nanoTime();
        int imported = given().auth().oauth2(ADMIN).contentType("application/geo+json").body(grids).post("/imports/grids")
                .then().statusCode(200).extract().path("imported");
        double gridSecs = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        int importedHouseholds = given().auth().oauth2(ADMIN).contentType("text/csv").body(households).post("/imports/households")
                .then().statusCode(200).extract().path("imported");
        double householdSecs = (System.nanoTime() - t0) / 1e9;
        report.append(String.format(Locale.ROOT, "import grids:      %d nodes (%d level-2 grids) in %.1f s%n", imported, 3600, gridSecs));
        report.append(String.format(Locale.ROOT, "import households: %d rows (%.1f MB CSV) in %.1f s%n", importedHouseholds,
                households.length / 1e6, householdSecs));
        report.append(String.format(Locale.ROOT, "import total:      %.1f s (target < 60 s)%n", gridSecs + householdSecs));

        // in-process: the spatial index the service locates with
        GridIndex index = registry.geographicIndex();
        double[] b = county.bounds();
        SplittableRandom random = new SplittableRandom(7);
        int warm = 300_000, n = 2_000_000;
        double[] lon = new double[n], lat = new double[n];
        for (int i = 0; i < n; i++) {
            lon[i] = b[0] + random.nextDouble() * (b[2] - b[0]);
            lat[i] = b[1] + random.nextDouble() * (b[3] - b[1]);
        }
        int located = 0;
        for (int i = 0; i < warm; i++) {
            located += index.locate(lon[i], lat[i]).isPresent() ? 1 : 0;
        }
        located = 0;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            located += index.locate(lon[i], lat[i]).isPresent() ? 1 : 0;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(n, located, "every point of the lattice lies in a grid");
        report.append(String.format(Locale.ROOT, "locate in-process: %,.0f points/s over %d grids (1 thread, %d points)%n",
                n / secs, index.size(), n));

        // over HTTP: GET /grids/locate with a token, 8 concurrent clients
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        String base = "http://localhost:" + port + "/grids/locate";
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        int clients = 8, perClient = 2_500;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            futures.add(pool.submit(() -> {
                SplittableRandom r = new SplittableRandom(seed);
                long[] lat_ns = new long[perClient];
                for (int i = 0; i < perClient; i++) {
                    String url = String.format(Locale.ROOT, "%s?lat=%.6f&lon=%.6f", base, b[1] + r.nextDouble() * (b[3] - b[1]),
                            b[0] + r.nextDouble() * (b[2] - b[0]));
                    long s = System.nanoTime();
                    HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + ADMIN)
                            .build(), HttpResponse.BodyHandlers.ofString());
                    lat_ns[i] = System.nanoTime() - s;
                    if (resp.statusCode() != 200 || !resp.body().contains("\"located\":true")) {
                        throw new IllegalStateException(resp.statusCode() + " " + resp.body());
                    }
                }
                return lat_ns;
            }));
        }
        t0 = System.nanoTime();
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            Arrays.stream(f.get()).forEach(all::add);
        }
        secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        all.sort(Long::compare);
        report.append(String.format(Locale.ROOT, "locate over HTTP:  %,.0f requests/s, p50 %.2f ms, p99 %.2f ms (%d clients, %d requests)%n",
                all.size() / secs, all.get(all.size() / 2) / 1e6, all.get((int) (all.size() * 0.99)) / 1e6, clients, all.size()));
        System.out.println("\n=== grid-service benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ===\n" + report);
        Files.writeString(Path.of("target/benchmark.txt"), report.toString());
    }
}
