package org.gridgov.systemtest;

import static org.awaitility.Awaitility.await;
import static org.gridgov.systemtest.SystemSuite.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.Suite;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * While 5,000 reports flow from a pool of clients, each of the four services in turn is killed with
 * {@code kill -9} and launched again. Clients that meet a dead event-service send the same request
 * again with the same Idempotency-Key. Every report must end dispatched by exactly one task and
 * credited exactly once: nothing lost (outbox, committed offsets) and nothing doubled (idempotent
 * intake, inbox). What is expected comes from the driver's own list of reports, never from the
 * services.
 */
class CrashSystemTest {
    static final int REPORTS = 5_000;
    static final int CLIENTS = 24;
    static final int REPORTERS = 8;
    /** killed in this order, each when this share of the reports is done and the one before is ready again */
    // event-service first, while every client is busy, so that clients meet it dead and retry; grid-service, whose
    // restart is the slowest and which no report waits for, last
    static final Service[] VICTIMS = { Service.EVENT, Service.ESCALATION, Service.SCORING, Service.GRID };
    static final double[] KILL_AT = { 0.05, 0.20, 0.35, 0.50 };
    /** reports from this share on wait until the last victim is dead: restarts are slow on a busy machine, the kills stay mid-flow */
    static final double LAST_KILL_BEFORE = 0.80;
    /**
     * Small classes no other system test reports, each routed to the grid: a report is a duplicate only of
     * one of its own category, so each category may use every spot once.
     */
    static final String[] CATEGORIES = { "street-order.street-vending", "street-order.illegal-parking",
            "street-order.road-occupation", "public-order.security-risk", "market.food-safety", "market.unlicensed-business",
            "housing.unsafe-building", "housing.illegal-construction", "housing.property-management", "livelihood.assistance",
            "livelihood.elderly-care", "livelihood.employment", "utilities.manhole-cover", "utilities.street-light",
            "utilities.fire-hydrant", "road.pothole", "road.traffic-sign", "road.guardrail", "public-order.noise",
            "greenery.green-space" };
    /**
     * Spots on one lattice over the 3 x 2 block of demo grids, 0.0006° apart: 60 m east-west at 26° N and
     * 67 m north-south, more than the 50 m duplicate radius, and 10 m or more inside a grid's boundary.
     * 20 columns x 13 rows = 260 spots; x 20 categories = 5,200 reports at most.
     */
    static final double STEP = 0.0006;
    static final int COLUMNS = (int) (3 * DemoData.CELL / STEP);
    static final int ROWS = (int) (2 * DemoData.CELL / STEP);
    static final ZoneId SCORING_ZONE = ZoneId.of("Asia/Shanghai");

    /** One report as the driver planned it: who, what, where, and the grid that must handle it. */
    record Report(int n, String reporter, String category, double latitude, double longitude, String grid) {
        static Report of(int n) {
            int spot = n / CATEGORIES.length;
            double lon = DemoData.WEST + STEP / 2 + spot % COLUMNS * STEP;
            double lat = DemoData.SOUTH + STEP / 2 + spot / COLUMNS * STEP;
            int grid = (int) ((lat - DemoData.SOUTH) / DemoData.CELL) * 3 + (int) ((lon - DemoData.WEST) / DemoData.CELL);
            return new Report(n, "crash-reporter-" + n % REPORTERS, CATEGORIES[n % CATEGORIES.length], lat, lon,
                    DemoData.GRIDS.get(grid).code());
        }

        String json() {
            return String.format(Locale.ROOT, "{\"category\":\"%s\",\"description\":\"崩溃测试报告 %d\","
                    + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f}}", category, n, latitude, longitude);
        }
    }

    @Test
    void killingEveryServiceInTurnMidStreamLosesNothingAndDoublesNothing() throws Exception {
        assertTrue(CATEGORIES.length * COLUMNS * ROWS >= REPORTS, "enough category x spot pairs for distinct reports");
        Suite suite = SystemSuite.get();
        ReportDriver driver = new ReportDriver(suite.url(Service.EVENT));
        String operator = SystemSuite.operator();
        Map<String, String> residents = new HashMap<>();
        for (int r = 0; r < REPORTERS; r++) {
            residents.put("crash-reporter-" + r, token("crash-reporter-" + r, "resident"));
        }
        List<Report> plan = new ArrayList<>();
        for (int n = 0; n < REPORTS; n++) {
            plan.add(Report.of(n));
        }
        YearMonth firstMonth = YearMonth.now(SCORING_ZONE);

        // the flow, and the kills while it flows
        String[] ids = new String[REPORTS];
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch allKilled = new CountDownLatch(1);
        Map<Service, Double> readyAfter = new EnumMap<>(Service.class);
        Map<Service, Integer> doneAtKill = new EnumMap<>(Service.class);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long t0 = System.nanoTime();
        // the other system tests' events of these categories (the county-year replay's, reported in a replayed past) came before
        java.time.Instant started = java.time.Instant.now().minusSeconds(60);
        double flowSeconds;
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Report r : plan) {
                sent.add(clients.submit(() -> {
                    try {
                        if (r.n() >= REPORTS * LAST_KILL_BEFORE) {
                            allKilled.await();
                        }
                        ids[r.n()] = driver.report(residents.get(r.reporter()), operator, "crash-" + r.n(), r.json());
                        done.incrementAndGet();
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                        throw e;
                    }
                    return null;
                }));
            }
            for (int k = 0; k < VICTIMS.length; k++) {
                while (done.get() < REPORTS * KILL_AT[k]) {
                    if (failure.get() != null) {
                        throw new AssertionError("a client failed", failure.get());
                    }
                    Thread.sleep(10);
                }
                suite.kill(VICTIMS[k]);
                doneAtKill.put(VICTIMS[k], done.get());
                if (k == VICTIMS.length - 1) {
                    allKilled.countDown();
                }
                System.out.printf(Locale.ROOT, "crash: %s killed at %.1f s, %d reports done%n", VICTIMS[k].module,
                        (System.nanoTime() - t0) / 1e9, done.get());
                long launched = System.nanoTime();
                suite.launch(VICTIMS[k]);
                suite.awaitReady(VICTIMS[k], Duration.ofSeconds(180));
                readyAfter.put(VICTIMS[k], (System.nanoTime() - launched) / 1e9);
                System.out.printf(Locale.ROOT, "crash: %s ready %.1f s after its launch, %d reports done%n", VICTIMS[k].module,
                        readyAfter.get(VICTIMS[k]), done.get());
            }
            for (Future<?> f : sent) {
                f.get();
            }
            flowSeconds = (System.nanoTime() - t0) / 1e9;
        } finally {
            clients.shutdownNow();
        }
        long flowEnded = System.nanoTime();
        doneAtKill.forEach((s, n) -> assertTrue(n < REPORTS, s.module + " was killed while reports flowed (" + n + " done)"));
        Set<String> reported = new HashSet<>(List.of(ids));
        assertEquals(REPORTS, reported.size(), "one event per report, none merged or lost");

        double dispatchedAfter = assertEveryReportDispatched(driver, suite, reported, flowEnded, started);
        assertExactlyOneTaskEach(driver, suite, plan, ids);
        double creditedAfter = assertEachCreditedOnce(driver, suite, plan, firstMonth, flowEnded);

        System.out.printf(Locale.ROOT, "crash: %d reports from %d clients in %.1f s (%.0f/s), %d requests retried (%d reports), "
                + "all dispatched %.1f s and credited %.1f s after the flow%n", REPORTS, CLIENTS, flowSeconds, REPORTS / flowSeconds,
                driver.retries(), driver.retriedReports(), dispatchedAfter, creditedAfter);
        for (Service s : VICTIMS) {
            System.out.printf(Locale.ROOT, "crash: %s killed after %d reports, ready %.1f s after its launch%n", s.module,
                    doneAtKill.get(s), readyAfter.get(s));
        }
    }

    /** Every report's event is DISPATCHED (event-service's lists, per category), and no other; seconds after the flow until then. */
    private static double assertEveryReportDispatched(ReportDriver driver, Suite suite, Set<String> reported, long flowEnded,
            java.time.Instant started) {
        String admin = token("admin", "admin");
        Set<String> missing = new HashSet<>(reported);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String category : CATEGORIES) {
                driver.pagedIds(suite.url(Service.EVENT) + "/events?status=DISPATCHED&limit=500&category=" + category, admin)
                        .forEach(missing::remove);
            }
            assertEquals(0, missing.size(), "reports not dispatched yet, e.g. " + missing.stream().limit(3).toList());
        });
        double after = (System.nanoTime() - flowEnded) / 1e9;
        // and no other event of these categories since the test began: a retry wrote none of its own
        Set<String> all = new HashSet<>();
        for (String category : CATEGORIES) {
            all.addAll(driver.pagedIds(suite.url(Service.EVENT) + "/events?limit=500&category=" + category + "&from=" + started, admin));
        }
        assertEquals(reported, all, "the events of the crash test's categories");
        return after;
    }

    /** escalation-service holds exactly one task per report, handled by the report's grid. */
    private static void assertExactlyOneTaskEach(ReportDriver driver, Suite suite, List<Report> plan, String[] ids)
            throws Exception {
        String staff = SystemSuite.streetStaff();
        Map<String, List<String>> unitsByEvent = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(pool.submit(() -> unitsByEvent.put(id, JsonPath.from(driver.get(suite.url(Service.ESCALATION)
                        + "/tasks/by-event/" + id, staff)).getList("handlerUnit", String.class))));
            }
            for (Future<?> f : reads) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Integer> tasksPerReport = new HashMap<>();
        List<String> wrongGrid = new ArrayList<>();
        for (Report r : plan) {
            List<String> units = unitsByEvent.get(ids[r.n()]);
            tasksPerReport.merge(units.size(), 1, Integer::sum);
            if (units.size() == 1 && !units.get(0).equals("GRID:" + r.grid())) {
                wrongGrid.add(ids[r.n()] + " at " + units.get(0) + " instead of " + r.grid());
            }
        }
        assertEquals(Map.of(1, REPORTS), tasksPerReport, "reports by number of tasks");
        assertEquals(List.of(), wrongGrid, "each task with the report's grid");
    }

    /**
     * scoring-service credited each report once: each reporter's balance for the month equals her number
     * of reports, in as many entries, and no fact is credited twice; seconds after the flow until then.
     */
    private static double assertEachCreditedOnce(ReportDriver driver, Suite suite, List<Report> plan, YearMonth firstMonth,
            long flowEnded) {
        String scorer = SystemSuite.scorer();
        Map<String, Long> expected = new LinkedHashMap<>();
        plan.forEach(r -> expected.merge(r.reporter(), 1L, Long::sum));
        // the month of the facts (scoring-service's periods are months in Asia/Shanghai), two if the run crossed midnight of the 1st
        Set<String> months = new java.util.TreeSet<>(List.of(firstMonth.toString(), YearMonth.now(SCORING_ZONE).toString()));
        Map<String, String> wanted = new LinkedHashMap<>();
        expected.forEach((reporter, n) -> wanted.put(reporter, n + " points in " + n + " entries"));
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, String> found = new LinkedHashMap<>();
            for (String reporter : expected.keySet()) {
                long points = 0;
                long entries = 0;
                for (String month : months) {
                    JsonPath b = JsonPath.from(driver.get(suite.url(Service.SCORING) + "/ledger/balances/USER:" + reporter
                            + "?period=" + month, scorer));
                    points += b.getLong("points");
                    entries += b.getLong("entries");
                }
                found.put(reporter, points + " points in " + entries + " entries");
            }
            assertEquals(wanted, found, "each reporter's balance for " + months);
        });
        double creditedAfter = (System.nanoTime() - flowEnded) / 1e9;
        long duplicates = JsonPath.from(driver.get(suite.url(Service.SCORING) + "/ledger/summary", scorer)).getLong("duplicateCredits");
        assertEquals(0, duplicates, "facts credited more than once");
        return creditedAfter;
    }
}
