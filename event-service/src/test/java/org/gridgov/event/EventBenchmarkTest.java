package org.gridgov.event;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
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
    /** how many reports are posted before measuring, at least and at most (see the warm-up) */
    static final int WARMUP = Integer.getInteger("bench.warmup", 10_000);
    static final int WARMUP_MAX = Integer.getInteger("bench.warmup-max", 100_000);
    static final int WARMUP_ROUND = 5_000;
    /** the JIT compilers' share of a warm-up round's time below which the service counts as warm */
    static final double JIT_SETTLED = 0.10;
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
        /** CPU milliseconds per request: the whole machine, this JVM (service and broker), PostgreSQL and the load generator */
        String cpuPerRequest() {
            return String.format(Locale.ROOT, "CPU per request %.2f ms (this JVM %.2f, PostgreSQL %.2f, load generator %.2f)",
                    cpu.machine() / requests, cpu.jvm() / requests, cpu.postgres() / requests, cpu.generator() / requests);
        }

        /** This JVM's share split: the Kafka broker's threads, and the service's by kind. */
        String jvmSplit() {
            double service = cpu.jvm() - cpu.broker();
            return String.format(Locale.ROOT, "this JVM: service %.2f ms (HTTP threads %.2f, intake writers %.2f, outbox relay and producer %.2f, "
                    + "GC %.2f, JIT compiler %.2f, the rest %.2f), Kafka broker %.2f ms per request",
                    service / requests, cpu.requests() / requests, cpu.writers() / requests, cpu.relay() / requests,
                    cpu.gc() / requests, cpu.jit() / requests,
                    (service - cpu.requests() - cpu.writers() - cpu.relay() - cpu.gc() - cpu.jit()) / requests, cpu.broker() / requests);
        }
    }

    /** CPU time in milliseconds, read from /proc (Linux): the machine's busy time, this JVM's, the PostgreSQL processes', the load generator's. */
    record Cpu(double machine, double jvm, double postgres, double broker, double generator, double requests, double writers,
            double relay, double gc, double jit) {
        /** the load generator's process */
        static volatile long generatorPid = -1;
        /** threads of the in-process Kafka broker (KRaft test kit), by name */
        static final java.util.regex.Pattern BROKER = java.util.regex.Pattern.compile(
                "^(data-plane-kafka|kafka\\d|kafka-cluster-test-kit|quorum-controller|group-coordinator|executor-(?!thread)|ExpirationReaper|"
                        + "controller-|broker-|kafka-log|LogDirFailureHandler|raft-|share-coordinator|transaction-).*");

        static Cpu now() {
            double machine = 0, postgres = 0, generator = 0;
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
                                String[] s = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                                if (stat.contains("(postgres)")) {
                                    postgres += (Long.parseLong(s[11]) + Long.parseLong(s[12])) * tick;
                                } else if (p.getFileName().toString().equals(String.valueOf(generatorPid))) {
                                    generator += (Long.parseLong(s[11]) + Long.parseLong(s[12])) * tick;
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
            double broker = 0, requests = 0, writers = 0, relay = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (t == null) {
                    continue;
                }
                long ns = threads.getThreadCpuTime(t.getThreadId());
                if (ns < 0) {
                    continue;
                }
                if (BROKER.matcher(t.getThreadName()).matches()) {
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

    /**
     * {@code clients} connections each send {@code perClient} requests made by {@code request}, one
     * after the other (closed loop), from the load generator's own JVM ({@link LoadGenerator}).
     */
    static Run run(LoadGenerator load, int clients, int perClient, IntFunction<LoadGenerator.Req> request) throws Exception {
        List<LoadGenerator.Req> requests = new ArrayList<>(clients * perClient);
        for (int i = 0; i < clients * perClient; i++) {
            requests.add(request.apply(i));
        }
        Cpu[] cpu = new Cpu[2];
        LoadGenerator.Result result = load.run(clients, requests, () -> cpu[cpu[0] == null ? 0 : 1] = Cpu.now());
        long[] ns = result.nanos();
        Arrays.sort(ns);
        return new Run(ns.length / result.seconds(), ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6, ns.length,
                cpu[1].minus(cpu[0]));
    }

    @Test
    void intakeBoardAndListsWithAMillionEvents() throws Exception {
        fill();
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        try (LoadGenerator load = LoadGenerator.start(port)) {
            Cpu.generatorPid = load.pid();
            measure(load);
        }
    }

    private void measure(LoadGenerator http) throws Exception {
        String[] residents = new String[200];
        for (int i = 0; i < residents.length; i++) {
            residents[i] = JwtKeys.forTests().token("bench-resident-" + i, "resident");
        }
        String worker = JwtKeys.forTests().token("bench-worker", "grid_worker");
        IntFunction<LoadGenerator.Req> report = n -> {
            SplittableRandom r = new SplittableRandom(n * 31L + 7);
            double lat = SOUTH + r.nextDouble() * 60 * CELL, lon = WEST + r.nextDouble() * 60 * CELL;
            String body = String.format(Locale.ROOT, "{\"category\":\"%s\",\"description\":\"基准测试上报 %d\","
                    + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},\"address\":\"基准路%d号\"}",
                    CATEGORIES[n % CATEGORIES.length], n, lat, lon, n);
            String token = n % 4 == 0 ? worker : residents[n % residents.length];
            return LoadGenerator.Req.post("/events", body, "Authorization", "Bearer " + token, "Content-Type", "application/json",
                    "Idempotency-Key", "bench-" + n);
        };
        // warm-up, to the steady state of a service that has been running for a while: the JIT compilers (on 2 shared
        // cores) are busy with the intake path for tens of thousands of reports. Rounds of 5,000 reports go on until
        // the compilers spent under JIT_SETTLED of a round's time compiling, at least WARMUP and at most WARMUP_MAX reports.
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        int warmed = 0;
        double compiling;
        do {
            long compiled = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            int base = 10_000_000 + warmed;
            run(http, CLIENTS, WARMUP_ROUND / CLIENTS, n -> report.apply(base + n));
            warmed += WARMUP_ROUND / CLIENTS * CLIENTS;
            compiling = (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - t0) / 1e6);
        } while (warmed < WARMUP || compiling > JIT_SETTLED && warmed < WARMUP_MAX);
        System.out.printf(Locale.ROOT, "warm-up: %,d reports; in the last 5,000 the JIT compilers took %.0f %% of the time%n", warmed,
                compiling * 100);
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
            return;
        }

        IntFunction<LoadGenerator.Req> board = n -> {
            SplittableRandom r = new SplittableRandom(n);
            int g = r.nextInt(3600);
            String q = switch (n % 3) {
                case 0 -> "grid=" + grid(g);
                case 1 -> "community=" + grid(g).substring(0, 12);
                default -> "street=" + grid(g).substring(0, 9);
            };
            return LoadGenerator.Req.get("/board?" + q);
        };
        run(http, 4, 250, board);
        Run boards = run(http, 8, 500, board);

        IntFunction<LoadGenerator.Req> list = n -> {
            SplittableRandom r = new SplittableRandom(n);
            String g = grid(r.nextInt(3600));
            String q = switch (n % 5) {
                case 0 -> "status=DISPATCHED&community=" + g.substring(0, 12);
                case 1 -> "grid=" + g;
                case 2 -> "street=" + g.substring(0, 9) + "&category=public-order";
                case 3 -> "limit=50";
                default -> "status=REPORTED&street=" + g.substring(0, 9);
            };
            return LoadGenerator.Req.get("/events?" + q, "Authorization", "Bearer " + ADMIN);
        };
        run(http, 4, 250, list);
        Run lists = run(http, 8, 500, list);
        IntFunction<LoadGenerator.Req> mine = n -> LoadGenerator.Req.get("/events?limit=20", "Authorization",
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
    }
}
