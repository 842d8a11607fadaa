package org.gridgov.event;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import jakarta.inject.Inject;

/**
 * Intake and query speed with a county's worth of history: 1,000,000 events (3,600 grids in 360
 * communities and 12 streets, a year of reports, most closed) made with generate_series, then
 * POST /events from concurrent clients (located, duplicate-checked, in the outbox) and the board
 * and list queries on the same data. Run with {@code ./mvnw -Pbenchmark -pl event-service -am test}.
 */
@QuarkusTest
@Tag("benchmark")
class EventBenchmarkTest {
    /** the history to fill; {@code -Dbench.events=100000} for a quick run */
    static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    /** how many reports the intake run posts */
    static final int REPORTS = Integer.getInteger("bench.reports", 20_000);
    /** how many reports are posted before measuring */
    static final int WARMUP = Integer.getInteger("bench.warmup", 10_000);
    /** {@code -Dbench.intake-only=true}: skip the board and list runs (for profiling intake) */
    static final boolean INTAKE_ONLY = Boolean.getBoolean("bench.intake-only");
    static final String ADMIN = JwtKeys.forTests().token("bench-admin", "admin");
    static final double WEST = 119.30, SOUTH = 25.80, CELL = 0.005;
    static final String[] CATEGORIES = { "environment.garbage", "environment.dirty-road", "street-order.illegal-parking",
            "public-order.noise", "public-order.dispute", "road.pothole", "utilities.street-light", "housing.property-management",
            "livelihood.assistance", "market.food-safety" };

    @Inject
    DataSource dataSource;

    /** grid i (0..3599): street i / 300, community i / 10 within it, in a 60 x 60 lattice of cells */
    static String grid(int i) {
        return String.format(Locale.ROOT, "350182%03d%03d%03d", i / 300 + 1, i % 300 / 10 + 1, i % 10 + 1);
    }

    void fill() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("insert into grid_replica (code, name, level, status, parent_code, community_code, street_code, boundary, version) "
                    + "select '350182' || lpad((i / 300 + 1)::text, 3, '0') || lpad((i % 300 / 10 + 1)::text, 3, '0') || lpad((i % 10 + 1)::text, 3, '0'), "
                    + "'网格' || i, 'GRID', 'ACTIVE', null, "
                    + "'350182' || lpad((i / 300 + 1)::text, 3, '0') || lpad((i % 300 / 10 + 1)::text, 3, '0'), "
                    + "'350182' || lpad((i / 300 + 1)::text, 3, '0'), "
                    + "format('{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}', "
                    + WEST + " + (i % 60) * " + CELL + ", " + SOUTH + " + (i / 60) * " + CELL + ", "
                    + WEST + " + (i % 60 + 1) * " + CELL + ", " + SOUTH + " + (i / 60) * " + CELL + ", "
                    + WEST + " + (i % 60 + 1) * " + CELL + ", " + SOUTH + " + (i / 60 + 1) * " + CELL + ", "
                    + WEST + " + (i % 60) * " + CELL + ", " + SOUTH + " + (i / 60 + 1) * " + CELL + ", "
                    + WEST + " + (i % 60) * " + CELL + ", " + SOUTH + " + (i / 60) * " + CELL + "), 1 "
                    + "from generate_series(0, 3599) i");
            String categories = "(array['" + String.join("','", CATEGORIES) + "'])[1 + (n % " + CATEGORIES.length + ")]";
            // a year of history: 85 % closed, 3 % rejected, 2 % merged, the rest open in every state
            s.execute("insert into event (id, category, description, channel, latitude, longitude, address, grid_code, community_code, "
                    + "street_code, status, reporter_id, handler_unit, deadline, satisfaction, reported_at, resolved_at, closed_at, "
                    + "updated_at, urgency, item_type) "
                    + "select gen_random_uuid(), " + categories + ", '历史事件 ' || n, (array['APP','GRID_PATROL','HOTLINE_12345','VISIT'])[1 + n % 4], "
                    + SOUTH + " + (g / 60) * " + CELL + " + 0.0025, " + WEST + " + (g % 60) * " + CELL + " + 0.0025, '某路' || n || '号', "
                    + "'350182' || lpad((g / 300 + 1)::text, 3, '0') || lpad((g % 300 / 10 + 1)::text, 3, '0') || lpad((g % 10 + 1)::text, 3, '0'), "
                    + "'350182' || lpad((g / 300 + 1)::text, 3, '0') || lpad((g % 300 / 10 + 1)::text, 3, '0'), "
                    + "'350182' || lpad((g / 300 + 1)::text, 3, '0'), "
                    + "case when r < 85 then 'CLOSED' when r < 88 then 'REJECTED' when r < 90 then 'MERGED' "
                    + "else (array['REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','RESOLVED','VERIFIED','REOPENED'])[1 + r % 7] end, "
                    + "'resident-' || (n % 50000), 'GRID:' || '350182', at + interval '3 days', "
                    + "case when r < 85 then 'SATISFIED' end, at, case when r < 85 then at + interval '1 day' end, "
                    + "case when r < 85 then at + interval '2 days' end, at, 'NORMAL', 'PROMISED' "
                    + "from (select n, ((n::bigint * 7919) % 3600)::int as g, ((n::bigint * 31) % 100)::int as r, "
                    + "now() - (n::double precision / " + EVENTS + ") * interval '365 days' as at "
                    + "from generate_series(1, " + EVENTS + ") n) x");
            // a year of history has been vacuumed long ago: do it now rather than have autovacuum run during the measurements
            s.execute("vacuum (analyze) event");
            s.execute("vacuum (analyze) grid_replica");
            System.out.printf(Locale.ROOT, "filled %,d events and 3,600 grids in %.1f s%n", EVENTS, (System.nanoTime() - t0) / 1e9);
        }
    }

    record Run(double perSecond, double p50, double p99, int requests, Cpu cpu) {
        /** CPU milliseconds per request: the whole machine, this JVM (service, broker, load generator) and PostgreSQL */
        String cpuPerRequest() {
            return String.format(Locale.ROOT, "CPU per request %.2f ms (this JVM %.2f, PostgreSQL %.2f)", cpu.machine() / requests,
                    cpu.jvm() / requests, cpu.postgres() / requests);
        }

        /** The JVM's share split: the load generator's thread, the Kafka broker's threads, and the rest (the service). */
        String jvmSplit() {
            return String.format(Locale.ROOT, "this JVM: service %.2f ms (HTTP threads %.2f, intake writers %.2f, outbox relay and producer %.2f, "
                    + "GC %.2f, JIT compiler %.2f, the rest %.2f), Kafka broker %.2f ms, load generator %.2f ms per request",
                    (cpu.jvm() - cpu.broker() - cpu.generator()) / requests, cpu.requests() / requests, cpu.writers() / requests,
                    cpu.relay() / requests, cpu.gc() / requests, cpu.jit() / requests,
                    (cpu.jvm() - cpu.broker() - cpu.generator() - cpu.requests() - cpu.writers() - cpu.relay() - cpu.gc() - cpu.jit()) / requests,
                    cpu.broker() / requests, cpu.generator() / requests);
        }
    }

    /** CPU time in milliseconds, read from /proc (Linux): the machine's busy time, this JVM's, the PostgreSQL processes'. */
    record Cpu(double machine, double jvm, double postgres, double broker, double generator, double requests, double writers,
            double relay, double gc, double jit) {
        /** the load generator's event-loop thread */
        static volatile long generatorThread = -1;
        /** threads of the in-process Kafka broker (KRaft test kit), by name */
        static final java.util.regex.Pattern BROKER = java.util.regex.Pattern.compile(
                "^(data-plane-kafka|kafka\\d|kafka-cluster-test-kit|quorum-controller|group-coordinator|executor-(?!thread)|ExpirationReaper|"
                        + "controller-|broker-|kafka-log|LogDirFailureHandler|raft-|share-coordinator|transaction-).*");

        static Cpu now() {
            double machine = 0, postgres = 0;
            double tick = 10; // ms per clock tick (USER_HZ = 100 on Linux)
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    if (i != 4 && i != 5) { // not idle, not iowait
                        machine += Long.parseLong(f[i]) * tick;
                    }
                }
                try (var procs = Files.list(Path.of("/proc"))) {
                    for (Path p : (Iterable<Path>) procs::iterator) {
                        if (p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                            try {
                                String stat = Files.readString(p.resolve("stat"));
                                if (stat.contains("(postgres)")) {
                                    String[] s = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                                    postgres += (Long.parseLong(s[11]) + Long.parseLong(s[12])) * tick;
                                }
                            } catch (Exception gone) {
                                // the process ended while we looked
                            }
                        }
                    }
                }
            } catch (Exception notLinux) {
                // no /proc: CPU figures are left at zero
            }
            double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e6;
            double broker = 0, generator = 0, requests = 0, writers = 0, relay = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (t == null) {
                    continue;
                }
                long ns = threads.getThreadCpuTime(t.getThreadId());
                if (ns < 0) {
                    continue;
                }
                if (t.getThreadId() == generatorThread) {
                    generator += ns / 1e6;
                } else if (BROKER.matcher(t.getThreadName()).matches()) {
                    broker += ns / 1e6;
                } else if (t.getThreadName().startsWith("executor-thread") || t.getThreadName().startsWith("vert.x-eventloop")) {
                    requests += ns / 1e6;
                } else if (t.getThreadName().startsWith("intake-writer")) {
                    writers += ns / 1e6;
                } else if (t.getThreadName().equals("outbox-relay") || t.getThreadName().startsWith("kafka-producer-network-thread")) {
                    relay += ns / 1e6;
                }
            }
            // the JVM's own threads (garbage collector, JIT compiler) are not Java threads: read them from /proc
            double gc = 0, jit = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        double ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick;
                        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                            gc += ms;
                        } else if (name.contains("CompilerThre")) {
                            jit += ms;
                        }
                    } catch (Exception gone) {
                        // the thread ended while we looked
                    }
                }
            } catch (Exception notLinux) {
                // no /proc
            }
            return new Cpu(machine, jvm, postgres, broker, generator, requests, writers, relay, gc, jit);
        }

        Cpu minus(Cpu o) {
            return new Cpu(machine - o.machine, jvm - o.jvm, postgres - o.postgres, broker - o.broker, generator - o.generator,
                    requests - o.requests, writers - o.writers, relay - o.relay, gc - o.gc, jit - o.jit);
        }
    }

    /** One request of a run, made before the clock starts so that the load generator only sends. */
    record Req(HttpMethod method, String uri, Map<String, String> headers, Buffer body) {
        static Req get(String uri, String... headers) {
            return new Req(HttpMethod.GET, uri, pairs(headers), null);
        }

        static Req post(String uri, String body, String... headers) {
            return new Req(HttpMethod.POST, uri, pairs(headers), Buffer.buffer(body, "UTF-8"));
        }

        private static Map<String, String> pairs(String... kv) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                m.put(kv[i], kv[i + 1]);
            }
            return m;
        }
    }

    /**
     * {@code clients} connections each send {@code perClient} requests made by {@code request}, one
     * after the other (closed loop); every answer must be 2xx. The generator is Vert.x's HTTP client on
     * one event loop, so that it takes as little as possible of the cores the service runs on.
     */
    static Run run(HttpClient http, int clients, int perClient, IntFunction<Req> request) throws Exception {
        List<Req> requests = new ArrayList<>(clients * perClient);
        for (int i = 0; i < clients * perClient; i++) {
            requests.add(request.apply(i));
        }
        long[] ns = new long[requests.size()];
        CompletableFuture<Void> all = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        Cpu cpu0 = Cpu.now();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            sendNext(http, requests, ns, next, done, all);
        }
        all.get(30, TimeUnit.MINUTES);
        double secs = (System.nanoTime() - t0) / 1e9;
        Cpu cpu = Cpu.now().minus(cpu0);
        Arrays.sort(ns);
        return new Run(ns.length / secs, ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6, ns.length, cpu);
    }

    private static void sendNext(HttpClient http, List<Req> requests, long[] ns, java.util.concurrent.atomic.AtomicInteger next,
            java.util.concurrent.atomic.AtomicInteger done, CompletableFuture<Void> all) {
        int i = next.getAndIncrement();
        if (i >= requests.size() || all.isDone()) {
            return;
        }
        Req r = requests.get(i);
        long start = System.nanoTime();
        http.request(r.method(), r.uri()).compose(req -> {
            r.headers().forEach(req::putHeader);
            return r.body() == null ? req.send() : req.send(r.body());
        }).compose(resp -> resp.body().map(body -> {
            if (resp.statusCode() / 100 != 2) {
                throw new IllegalStateException(r.method() + " " + r.uri() + " " + resp.statusCode() + " " + body);
            }
            return body;
        })).onComplete(ar -> {
            if (ar.failed()) {
                all.completeExceptionally(ar.cause());
                return;
            }
            ns[i] = System.nanoTime() - start;
            if (done.incrementAndGet() == requests.size()) {
                all.complete(null);
            } else {
                sendNext(http, requests, ns, next, done, all);
            }
        });
    }

    @Test
    void intakeBoardAndListsWithAMillionEvents() throws Exception {
        fill();
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        // HTTP/1.1 with keep-alive, as behind an ingress; one connection per client
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CLIENTS));
        CompletableFuture<Long> loop = new CompletableFuture<>();
        vertx.runOnContext(v -> loop.complete(Thread.currentThread().getId()));
        Cpu.generatorThread = loop.get(10, TimeUnit.SECONDS);
        String[] residents = new String[200];
        for (int i = 0; i < residents.length; i++) {
            residents[i] = JwtKeys.forTests().token("bench-resident-" + i, "resident");
        }
        String worker = JwtKeys.forTests().token("bench-worker", "grid_worker");
        IntFunction<Req> report = n -> {
            SplittableRandom r = new SplittableRandom(n * 31L + 7);
            double lat = SOUTH + r.nextDouble() * 60 * CELL, lon = WEST + r.nextDouble() * 60 * CELL;
            String body = String.format(Locale.ROOT, "{\"category\":\"%s\",\"description\":\"基准测试上报 %d\","
                    + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},\"address\":\"基准路%d号\"}",
                    CATEGORIES[n % CATEGORIES.length], n, lat, lon, n);
            String token = n % 4 == 0 ? worker : residents[n % residents.length];
            return Req.post("/events", body, "Authorization", "Bearer " + token, "Content-Type", "application/json",
                    "Idempotency-Key", "bench-" + n);
        };
        // warm-up: the JIT compilers are busy with the intake path for the first several thousand reports
        run(http, CLIENTS, WARMUP / CLIENTS, n -> report.apply(10_000_000 + n));
        boolean statements = Boolean.getBoolean("gridgov.pg.track-statements");
        if (statements) {
            String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
            try (var c = java.sql.DriverManager.getConnection(url, "postgres", "postgres"); var st = c.createStatement()) {
                st.execute("create extension if not exists pg_stat_statements");
                st.execute("select pg_stat_statements_reset()");
            }
        }
        Run intake = run(http, CLIENTS, REPORTS / CLIENTS, report);
        if (statements) {
            try (var c = dataSource.getConnection(); var st = c.createStatement();
                    var rs = st.executeQuery("select calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) "
                            + "from pg_stat_statements order by total_exec_time desc limit 12")) {
                System.out.println("PostgreSQL statements during intake (ms per report, calls per report):");
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "  %.3f ms  %.2f calls  %s%n", rs.getDouble(2) / intake.requests(),
                            rs.getDouble(1) / intake.requests(), rs.getString(3));
                }
            }
        }
        if (INTAKE_ONLY) {
            System.out.printf(Locale.ROOT, "%nintake POST /events: %,.0f reports/s, p50 %.1f ms, p99 %.1f ms (%d clients, %d reports); %s%n",
                    intake.perSecond(), intake.p50(), intake.p99(), CLIENTS, intake.requests(), intake.cpuPerRequest());
            System.out.println("  " + intake.jvmSplit());
            assertTrue(intake.requests() == REPORTS / CLIENTS * CLIENTS);
            vertx.close();
            return;
        }

        IntFunction<Req> board = n -> {
            SplittableRandom r = new SplittableRandom(n);
            int g = r.nextInt(3600);
            String q = switch (n % 3) {
                case 0 -> "grid=" + grid(g);
                case 1 -> "community=" + grid(g).substring(0, 12);
                default -> "street=" + grid(g).substring(0, 9);
            };
            return Req.get("/board?" + q);
        };
        run(http, 4, 250, board);
        Run boards = run(http, 8, 500, board);

        IntFunction<Req> list = n -> {
            SplittableRandom r = new SplittableRandom(n);
            String g = grid(r.nextInt(3600));
            String q = switch (n % 5) {
                case 0 -> "status=DISPATCHED&community=" + g.substring(0, 12);
                case 1 -> "grid=" + g;
                case 2 -> "street=" + g.substring(0, 9) + "&category=public-order";
                case 3 -> "limit=50";
                default -> "status=REPORTED&street=" + g.substring(0, 9);
            };
            return Req.get("/events?" + q, "Authorization", "Bearer " + ADMIN);
        };
        run(http, 4, 250, list);
        Run lists = run(http, 8, 500, list);
        IntFunction<Req> mine = n -> Req.get("/events?limit=20", "Authorization",
                "Bearer " + JwtKeys.forTests().token("resident-" + (n % 50000), "resident"));
        Run own = run(http, 8, 250, mine);

        StringBuilder out = new StringBuilder();
        String[] listKinds = { "status + community", "grid", "street + category prefix", "everything (admin)", "status + street" };
        for (int k = 0; k < listKinds.length; k++) {
            int kind = k;
            Run r = run(http, 8, 100, n -> list.apply(n * 5 + kind));
            out.append(String.format(Locale.ROOT, "  list %-26s p50 %.1f ms, p99 %.1f ms%n", listKinds[k], r.p50(), r.p99()));
        }
        String[] boardKinds = { "grid", "community", "street" };
        for (int k = 0; k < boardKinds.length; k++) {
            int kind = k;
            Run r = run(http, 8, 100, n -> board.apply(n * 3 + kind));
            out.append(String.format(Locale.ROOT, "  board %-25s p50 %.1f ms, p99 %.1f ms%n", boardKinds[k], r.p50(), r.p99()));
        }
        out.append(String.format(Locale.ROOT, "data: %,d events, 3,600 grids%n", EVENTS));
        out.append(String.format(Locale.ROOT, "intake POST /events: %,.0f reports/s, p50 %.1f ms, p99 %.1f ms (%d clients, %d reports; target >= 1,000/s)%n",
                intake.perSecond(), intake.p50(), intake.p99(), CLIENTS, intake.requests()));
        out.append("  intake " + intake.cpuPerRequest() + "\n");
        out.append("  intake " + intake.jvmSplit() + "\n");
        out.append(String.format(Locale.ROOT, "board GET /board:    %,.0f req/s, p50 %.1f ms, p99 %.1f ms (8 clients; target p99 < 50 ms)%n",
                boards.perSecond(), boards.p50(), boards.p99()));
        out.append(String.format(Locale.ROOT, "list GET /events:    %,.0f req/s, p50 %.1f ms, p99 %.1f ms (8 clients, staff filters; target p99 < 50 ms)%n",
                lists.perSecond(), lists.p50(), lists.p99()));
        out.append(String.format(Locale.ROOT, "own reports (resident): %,.0f req/s, p50 %.1f ms, p99 %.1f ms%n", own.perSecond(), own.p50(), own.p99()));
        System.out.println("\n=== event-service benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ===\n" + out);
        Files.writeString(Path.of("target/benchmark.txt"), out.toString());
        assertTrue(intake.requests() == REPORTS / CLIENTS * CLIENTS);
        vertx.close();
    }
}
