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

import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.Suite;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.Test;

/**
 * While 200 reports flow, scoring-service and then escalation-service are killed with
 * {@code kill -9} and restarted. Every report must end dispatched exactly once and credited
 * exactly once: nothing lost (outbox, committed offsets) and nothing doubled (inbox).
 */
class CrashSystemTest {
    static final int REPORTS = 200;

    @Test
    void killingScoringThenEscalationMidStreamLosesNothingAndDoublesNothing() throws Exception {
        Suite suite = SystemSuite.get();
        String reporter = "crash-reporter";
        String resident = token(reporter, "resident");
        String operator = SystemSuite.operator();
        String admin = token("admin", "admin");
        String staff = SystemSuite.streetStaff();
        String scorer = SystemSuite.scorer();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            int sent = 0;
            // {reports to send before the action, action}
            Object[][] plan = { { 50, "kill scoring" }, { 30, "start scoring" }, { 40, "kill escalation" },
                    { 30, "start escalation" }, { 50, "done" } };
            for (Object[] step : plan) {
                List<Future<?>> batch = new ArrayList<>();
                for (int i = 0; i < (Integer) step[0]; i++) {
                    int n = sent++;
                    batch.add(pool.submit(() -> ids.add(report(resident, operator, n))));
                }
                for (Future<?> f : batch) {
                    f.get();
                }
                switch ((String) step[1]) {
                    case "kill scoring" -> suite.kill(Service.SCORING);
                    case "start scoring" -> suite.launch(Service.SCORING);
                    case "kill escalation" -> suite.kill(Service.ESCALATION);
                    case "start escalation" -> suite.launch(Service.ESCALATION);
                    default -> {
                    }
                }
            }
            assertEquals(REPORTS, sent);
        } finally {
            pool.shutdown();
        }
        suite.awaitReady(Service.SCORING, Duration.ofSeconds(120));
        suite.awaitReady(Service.ESCALATION, Duration.ofSeconds(120));
        assertEquals(REPORTS, new HashSet<>(ids).size());

        // every report dispatched, by exactly one task
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> dispatched = as(Service.EVENT, admin).queryParam("status", "DISPATCHED").queryParam("limit", 500)
                    .get("/events").then().statusCode(200).extract().path("id");
            assertEquals(REPORTS, ids.stream().filter(new HashSet<>(dispatched)::contains).count(), "dispatched reports");
        });
        List<String> taskEvents = as(Service.ESCALATION, staff).queryParam("limit", 1000).get("/tasks")
                .then().statusCode(200).extract().path("eventId");
        Map<String, Integer> tasksPerEvent = new HashMap<>();
        taskEvents.stream().filter(new HashSet<>(ids)::contains).forEach(e -> tasksPerEvent.merge(e, 1, Integer::sum));
        assertEquals(REPORTS, tasksPerEvent.size(), "every report has a task");
        assertEquals(Set.of(1), new HashSet<>(tasksPerEvent.values()), "exactly one task per report");

        // every report credited exactly once: the ledger sum equals the expected total
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
        as(Service.SCORING, scorer).get("/ledger/summary").then().statusCode(200)
                .body("duplicateCredits", org.hamcrest.Matchers.equalTo(0));
    }

    /** A resident's report, 立案 by an operator; reports in one grid are 60 m apart or more, so none is a duplicate. */
    private static String report(String token, String operator, int n) {
        DemoData.Grid g = DemoData.GRIDS.get(n % DemoData.GRIDS.size());
        double[] p = g.centre();
        int k = n / DemoData.GRIDS.size();
        double lon = p[0] + (k % 6 - 2.5) * 0.0006;
        double lat = p[1] + (k / 6 - 2.5) * 0.0006;
        String id = as(Service.EVENT, token).header("Idempotency-Key", "crash-" + n)
                .body(String.format(Locale.ROOT, "{\"category\":\"public-order.noise\",\"description\":\"夜间施工噪音 %d\","
                        + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f}}", n, lat, lon))
                .post("/events").then().statusCode(201).body("status", org.hamcrest.Matchers.equalTo("REPORTED")).extract().path("id");
        as(Service.EVENT, operator).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance").then().statusCode(200);
        return id;
    }
}
