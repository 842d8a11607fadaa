package org.gridgov.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gridgov.testkit.JwtKeys;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/**
 * The whole-suite benchmark's load generator, in a JVM of its own as clients are in production
 * (started by {@link SuiteBenchmarkTest}). It runs the phases of both passes, cold then warm: open-loop
 * intake at fixed rates ({@link OpenLoop}), the search for the highest sustained rate, and closed-loop
 * full loops ({@link FullLoops}); each phase is appended as a JSON line to the results file.
 * <p>
 * Every report has a place and category of its own (duplicates within 50 m and 72 h would be
 * merged and never dispatched): the n-th report of the run lies in one of 36 spots 60 m apart in
 * one of the county's 3,600 grid cells, in one of 15 categories.
 */
final class LoadGenerator {
    static final int[] RATES = { 50, 100, 200, 500 };
    static final int[] CLIENTS = { 2, 8, 32 };
    /** where the sustained-rate search starts at most: the target */
    static final int SEARCH_FROM = 300;
    /** the county's lattice as {@link org.gridgov.testkit.demo.CountyGenerator} lays it out: 60 x 60 cells of 0.004 degrees */
    static final double WEST = 119.400, SOUTH = 25.700, CELL = 0.004;
    static final int COLUMNS = 60, GRIDS = 3600;
    /** categories routed to the grid first, none urgent */
    static final String[] CATEGORIES = { "environment.garbage", "environment.waste-accumulation", "environment.dirty-road",
            "advertising.illegal-ads", "construction.noise", "construction.dust", "street-order.street-vending",
            "street-order.illegal-parking", "street-order.road-occupation", "public-order.noise", "public-order.dispute",
            "market.food-safety", "housing.property-management", "livelihood.assistance", "livelihood.elderly-care" };

    record Answer(int status, Buffer body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    final Context context = vertx.getOrCreateContext();
    final String host;
    final int port;
    final DispatchWatcher watcher;
    final Cpu cpu;
    final JwtKeys keys;
    final ObjectMapper json = new ObjectMapper();
    /** the run's report counter: each report's place, category and idempotency key */
    final AtomicLong sequence = new AtomicLong();
    final String[] workers = new String[20];
    final String operator;
    final String leader;
    final String verifier;
    private final Path results;

    private LoadGenerator(Properties c) {
        java.net.URI event = java.net.URI.create(c.getProperty("event.url"));
        host = event.getHost();
        port = event.getPort();
        watcher = new DispatchWatcher(c.getProperty("kafka"));
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : Cpu.PROCESSES) {
            String pid = c.getProperty("pid." + name.replace(' ', '-'));
            if (pid != null) {
                pids.put(name, Long.parseLong(pid));
            }
        }
        pids.put("generator", ProcessHandle.current().pid());
        cpu = new Cpu(pids);
        keys = JwtKeys.loadOrCreate(Path.of(c.getProperty("jwt.dir")));
        Duration ttl = Duration.ofHours(3);
        // county-wide claims: a patrol report inside the worker's remit is a case at once (outside it would wait for 立案)
        Map<String, Object> county = Map.of("district", List.of("350182"));
        for (int i = 0; i < workers.length; i++) {
            workers[i] = keys.token("bench-worker-" + i, Set.of("grid_worker"), county, ttl);
        }
        operator = keys.token("bench-operator", Set.of("operator"), county, ttl);
        leader = keys.token("bench-leader", Set.of("grid_leader"), county, ttl);
        // resolving and verifying are separate duties: another leader verifies
        verifier = keys.token("bench-verifier", Set.of("grid_leader"), county, ttl);
        results = Path.of(c.getProperty("out"));
    }

    /** a resident of the closed loops; she rates what she reported */
    String resident(int client) {
        return keys.token("bench-resident-" + client, Set.of("resident"), Map.of(), Duration.ofHours(3));
    }

    /** the body of report n: a spot and category no other report of the run has */
    static String report(long n) {
        String category = CATEGORIES[(int) (n % CATEGORIES.length)];
        long p = n / CATEGORIES.length;
        int cell = (int) (p % GRIDS);
        int spot = (int) (p / GRIDS % 36);
        double lat = SOUTH + cell / COLUMNS * CELL + 0.0005 + spot / 6 * 0.0006;
        double lon = WEST + cell % COLUMNS * CELL + 0.0005 + spot % 6 * 0.0006;
        return String.format(Locale.ROOT, "{\"category\":\"%s\",\"description\":\"基准测试上报 %d\","
                + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},\"address\":\"基准路%d号\"}", category, n, lat, lon, n % 1000);
    }

    HttpClient client(int connections) {
        return vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    /** a POST with a JSON body; the answer whatever its status, a failed future only when no answer came */
    Future<Answer> post(HttpClient http, String uri, String token, String body, String idempotencyKey) {
        return http.request(HttpMethod.POST, uri).compose(req -> {
            req.putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json");
            if (idempotencyKey != null) {
                req.putHeader("Idempotency-Key", idempotencyKey);
            }
            return req.send(body);
        }).compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b)));
    }

    /** the top-level "id" of a JSON answer */
    String id(Buffer body) {
        try {
            return json.readTree(body.toString(StandardCharsets.UTF_8)).path("id").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private void write(Phase p) throws IOException {
        Files.writeString(results, json.writeValueAsString(p) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.out.printf(Locale.ROOT, "  %-4s %-6s %4d: %s %.1f/s, HTTP p50 %.1f p99 %.1f ms, report->dispatched p50 %.1f p99 %.1f ms "
                + "(%d of %d dispatched, %d errors)%s%n", p.pass(), p.kind(), p.load(), p.kind().equals("loops") ? "loops" : "reports",
                p.achieved(), p.httpP50(), p.httpP99(), p.dispP50(), p.dispP99(), p.dispatched(), p.ok(), p.errors(),
                p.kind().equals("search") ? (p.keepsUp() ? " keeps up" : " falls behind") : "");
    }

    private void pass(String pass, int seconds, int searchSteps) throws Exception {
        OpenLoop open = new OpenLoop(this);
        double capacity = 0;
        for (int rate : RATES) {
            Phase p = open.run(pass, "intake", rate, seconds);
            write(p);
            capacity = Math.max(capacity, p.dispatchedRate());
        }
        // the highest rate that keeps up, from 90 % of the best dispatch rate seen above (at most the target): up by half
        // while it keeps up, down by a third while it does not, then halve the gap
        int good = 0, bad = Integer.MAX_VALUE, rate = Math.max(20, (int) (Math.min(SEARCH_FROM, capacity * 0.9) / 10) * 10);
        for (int step = 0; step < searchSteps; step++) {
            Phase p = open.run(pass, "search", rate, seconds);
            write(p);
            if (p.keepsUp()) {
                good = rate;
            } else {
                bad = rate;
            }
            int next = bad == Integer.MAX_VALUE ? rate * 3 / 2 : good == 0 ? rate * 2 / 3 : (good + bad) / 2;
            next = Math.max(10, next / 10 * 10);
            if (next == good || next == bad) {
                break;
            }
            rate = next;
        }
        FullLoops loops = new FullLoops(this);
        for (int clients : CLIENTS) {
            write(loops.run(pass, clients, seconds));
        }
    }

    /** {@code <config.properties>}: event.url, kafka, jwt.dir, out, seconds, search.steps, pid.&lt;process&gt; */
    public static void main(String[] args) throws Exception {
        Properties c = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            c.load(r);
        }
        int seconds = Integer.parseInt(c.getProperty("seconds", "15"));
        int steps = Integer.parseInt(c.getProperty("search.steps", "3"));
        List<String> passes = new ArrayList<>(List.of("cold", "warm"));
        LoadGenerator g = new LoadGenerator(c);
        int code = 0;
        try {
            for (String pass : passes) {
                System.out.println("load generator: " + pass + " pass");
                g.pass(pass, seconds, steps);
            }
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        } finally {
            g.watcher.close();
            g.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(code);
    }
}
