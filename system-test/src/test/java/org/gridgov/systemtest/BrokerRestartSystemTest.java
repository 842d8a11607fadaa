package org.gridgov.systemtest;

import static org.awaitility.Awaitility.await;
import static org.gridgov.systemtest.SystemSuite.as;
import static org.gridgov.systemtest.SystemSuite.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.Suite;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * While 320 reports flow, the Kafka broker is stopped (SIGTERM) for 15 s and started again on the
 * same port and log directory. The services keep taking reports meanwhile (the outbox holds their
 * messages) and reconnect by themselves. Every report must end dispatched exactly once and
 * credited exactly once.
 */
class BrokerRestartSystemTest {
    static final int BEFORE = 100;
    static final int DURING = 120;
    static final int AFTER = 100;
    static final int REPORTS = BEFORE + DURING + AFTER;
    static final Duration OUTAGE = Duration.ofSeconds(15);
    static final String[] CATEGORIES = { "construction.dust", "construction.noise" };

    private final AtomicInteger retries = new AtomicInteger();

    @Test
    void stoppingTheBrokerMidStreamLosesNothingAndDoublesNothing() throws Exception {
        Suite suite = SystemSuite.get();
        String reporter = "broker-reporter";
        String resident = token(reporter, "resident");
        String operator = SystemSuite.operator();
        String admin = token("admin", "admin");
        String staff = SystemSuite.streetStaff();
        String scorer = SystemSuite.scorer();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long restarted;
        double down;
        double brokerStart;
        try {
            send(pool, 0, BEFORE, 0, resident, operator, ids);
            long stopped = System.nanoTime();
            suite.stopBroker();
            // reports keep coming, spread over the outage
            send(pool, BEFORE, DURING, OUTAGE.toMillis() / DURING, resident, operator, ids);
            long left = OUTAGE.toMillis() - (System.nanoTime() - stopped) / 1_000_000;
            if (left > 0) {
                Thread.sleep(left);
            }
            long starting = System.nanoTime();
            suite.startBroker();
            restarted = System.nanoTime();
            down = (starting - stopped) / 1e9;
            brokerStart = (restarted - starting) / 1e9;
            send(pool, BEFORE + DURING, AFTER, 0, resident, operator, ids);
        } finally {
            pool.shutdown();
        }
        assertEquals(REPORTS, new HashSet<>(ids).size());

        // every report dispatched, by exactly one task
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> dispatched = as(Service.EVENT, admin).queryParam("status", "DISPATCHED").queryParam("category", "construction")
                    .queryParam("limit", 500).get("/events").then().statusCode(200).extract().path("id");
            assertEquals(REPORTS, ids.stream().filter(new HashSet<>(dispatched)::contains).count(), "dispatched reports");
        });
        double dispatchedAfter = (System.nanoTime() - restarted) / 1e9;
        List<String> taskEvents = as(Service.ESCALATION, staff).queryParam("limit", 1000).get("/tasks")
                .then().statusCode(200).extract().path("eventId");
        Map<String, Integer> tasksPerEvent = new HashMap<>();
        taskEvents.stream().filter(new HashSet<>(ids)::contains).forEach(e -> tasksPerEvent.merge(e, 1, Integer::sum));
        assertEquals(REPORTS, tasksPerEvent.size(), "every report has a task");
        assertEquals(Set.of(1), new HashSet<>(tasksPerEvent.values()), "exactly one task per report");

        // every report credited exactly once
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Map<String, Object>> entries = as(Service.SCORING, scorer).queryParam("subject", "USER:" + reporter)
                    .queryParam("limit", 1000).get("/ledger").then().statusCode(200).extract().path("$");
            int sum = entries.stream().mapToInt(e -> (Integer) e.get("points")).sum();
            Set<Object> refs = new HashSet<>();
            entries.forEach(e -> refs.add(e.get("sourceRef")));
            assertEquals(REPORTS, sum, "ledger sum for " + REPORTS + " valid reports");
            assertEquals(REPORTS, entries.size(), "one entry per report");
            assertEquals(new HashSet<>(ids), refs, "each report credited");
        });
        double creditedAfter = (System.nanoTime() - restarted) / 1e9;
        as(Service.SCORING, scorer).get("/ledger/summary").then().statusCode(200)
                .body("duplicateCredits", org.hamcrest.Matchers.equalTo(0));
        System.out.printf(Locale.ROOT, "broker restart: %d reports, %d of them while the broker was away; broker stopped "
                + "for %.1f s (SIGTERM to start), answering %.1f s after its start; client retries %d; all dispatched %.1f s "
                + "and all credited %.1f s after it answered%n", REPORTS, DURING, down, brokerStart, retries.get(),
                dispatchedAfter, creditedAfter);
    }

    /** Sends reports {@code from .. from+count-1}, {@code pauseMs} apart, and waits for all of them. */
    private void send(ExecutorService pool, int from, int count, long pauseMs, String resident, String operator,
            List<String> ids) throws Exception {
        List<Future<?>> batch = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            int report = n;
            batch.add(pool.submit(() -> ids.add(report(resident, operator, report))));
            if (pauseMs > 0) {
                Thread.sleep(pauseMs);
            }
        }
        for (Future<?> f : batch) {
            f.get();
        }
    }

    /**
     * A resident's report, 立案 by an operator, each retried until answered as a client would. Two
     * categories no other system test uses; a category's reports in one grid are 60 m apart or more,
     * so none is a duplicate.
     */
    private String report(String token, String operator, int n) {
        DemoData.Grid g = DemoData.GRIDS.get(n % DemoData.GRIDS.size());
        double[] p = g.centre();
        int k = n / DemoData.GRIDS.size();
        String category = CATEGORIES[k % CATEGORIES.length];
        int slot = k / CATEGORIES.length;
        double lon = p[0] + (slot % 6 - 2.5) * 0.0006;
        double lat = p[1] + (slot / 6 - 2.5) * 0.0006;
        String body = String.format(Locale.ROOT, "{\"category\":\"%s\",\"description\":\"工地夜间作业 %d\","
                + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f}}", category, n, lat, lon);
        String id = retrying(() -> {
            Response r = as(Service.EVENT, token).header("Idempotency-Key", "broker-" + n).body(body).post("/events");
            expect(r.statusCode() == 201 || r.statusCode() == 200, "report " + n, r);
            return r.path("id");
        });
        retrying(() -> {
            Response r = as(Service.EVENT, operator).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance");
            // a retry after an answer that got lost finds the report accepted already
            boolean accepted = r.statusCode() == 200 || r.statusCode() == 409
                    && !"REPORTED".equals(as(Service.EVENT, operator).get("/events/" + id).path("status"));
            expect(accepted, "立案 of " + id, r);
            return id;
        });
        return id;
    }

    private static void expect(boolean ok, String what, Response r) {
        if (!ok) {
            throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.asString());
        }
    }

    private <T> T retrying(Supplier<T> call) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt == 10) {
                    throw e;
                }
                retries.incrementAndGet();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
