package org.gridgov.systemtest;

import static org.awaitility.Awaitility.await;
import static org.gridgov.systemtest.SystemSuite.as;
import static org.gridgov.systemtest.SystemSuite.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * escalation-service's database refuses connections for 60 s (as in a CloudNativePG switchover,
 * longer) while 500 reports flow. Its consumer must wait the outage out: afterwards every report
 * is dispatched by exactly one task and credited exactly once, and nothing was dead-lettered.
 */
class OutageSystemTest {
    static final int REPORTS = 500;
    static final String[] CATEGORIES = { "environment.waste-accumulation", "environment.dirty-road", "environment.open-burning",
            "advertising.illegal-ads" };

    @Test
    void aDatabaseRefusingConnectionsFor60sLosesNothingAndDeadLettersNothing() throws Exception {
        Suite suite = SystemSuite.get();
        String reporter = "outage-reporter";
        String resident = token(reporter, "resident");
        String operator = SystemSuite.operator();
        String admin = token("admin", "admin");
        Map<Service, Long> deadLettersBefore = deadLetters(admin);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long outageEnded;
        long t0 = System.nanoTime();
        try {
            List<Future<?>> sent = new ArrayList<>();
            boolean down = false;
            for (int n = 0; n < REPORTS; n++) {
                // 500 reports over about 75 s; the database goes away after 8 s and comes back 60 s later
                long due = t0 + n * 150_000_000L;
                while (System.nanoTime() < due) {
                    Thread.sleep(5);
                }
                if (!down && System.nanoTime() - t0 > 8_000_000_000L) {
                    suite.databaseAvailable(Service.ESCALATION, false);
                    down = true;
                }
                int k = n;
                sent.add(pool.submit(() -> ids.add(report(resident, operator, k))));
            }
            while (System.nanoTime() - t0 < 68_000_000_000L) {
                Thread.sleep(100);
            }
            suite.databaseAvailable(Service.ESCALATION, true);
            outageEnded = System.nanoTime();
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            suite.databaseAvailable(Service.ESCALATION, true);
            pool.shutdown();
        }
        assertEquals(REPORTS, new HashSet<>(ids).size());

        // every report dispatched, by exactly one task
        Set<String> waiting = Collections.synchronizedSet(new HashSet<>(ids));
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String id : List.copyOf(waiting)) {
                String status = as(Service.EVENT, admin).get("/events/" + id).then().statusCode(200).extract().path("status");
                if (!"DISPATCHED".equals(status)) {
                    break;
                }
                waiting.remove(id);
            }
            assertEquals(0, waiting.size(), "reports not dispatched yet");
        });
        double recovered = (System.nanoTime() - outageEnded) / 1e9;
        String staff = SystemSuite.streetStaff();
        Map<String, Integer> tasksPerEvent = new HashMap<>();
        for (String id : ids) {
            List<String> tasks = as(Service.ESCALATION, staff).get("/tasks/by-event/" + id).then().statusCode(200).extract().path("id");
            tasksPerEvent.put(id, tasks.size());
        }
        assertEquals(REPORTS, tasksPerEvent.size(), "every report has a task");
        assertEquals(Set.of(1), new HashSet<>(tasksPerEvent.values()), "exactly one task per report");

        // credited exactly once
        String scorer = SystemSuite.scorer();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Map<String, Object>> entries = as(Service.SCORING, scorer).queryParam("subject", "USER:" + reporter)
                    .queryParam("limit", 1000).get("/ledger").then().statusCode(200).extract().path("$");
            assertEquals(REPORTS, entries.stream().mapToInt(e -> (Integer) e.get("points")).sum(), "ledger sum");
            assertEquals(REPORTS, entries.size(), "one entry per report");
        });

        // the consumer did meet the outage, and waited it out instead of dead-lettering
        List<Map<String, Object>> consumers = as(Service.ESCALATION, admin).get("/admin/messaging/consumers")
                .then().statusCode(200).extract().path("$");
        long retries = consumers.stream().mapToLong(c -> ((Number) c.get("retries")).longValue()).sum();
        assertTrue(retries > 0, "escalation-service's consumers retried during the outage: " + consumers);
        assertEquals(deadLettersBefore, deadLetters(admin), "nothing dead-lettered");
        System.out.printf(Locale.ROOT, "database outage: %d reports, 60 s outage, %d consumer retries, all dispatched %.1f s after "
                + "the database came back%n", REPORTS, retries, recovered);
    }

    /** Dead-lettered messages waiting, per service. */
    static Map<Service, Long> deadLetters(String admin) {
        Map<Service, Long> out = new HashMap<>();
        for (Service s : Service.values()) {
            List<Number> waiting = as(s, admin).get("/admin/messaging/dead-letters").then().statusCode(200).extract().path("waiting");
            out.put(s, waiting.stream().mapToLong(Number::longValue).sum());
        }
        return out;
    }

    /** A resident's report at its own spot (4 categories × 6 grids × 36 spots 60 m apart), 立案 at once. */
    static String report(String token, String operator, int n) {
        String category = CATEGORIES[n % CATEGORIES.length];
        DemoData.Grid g = DemoData.GRIDS.get(n / CATEGORIES.length % DemoData.GRIDS.size());
        int k = n / (CATEGORIES.length * DemoData.GRIDS.size());
        double[] p = g.centre();
        double lon = p[0] + (k % 6 - 2.5) * 0.0006;
        double lat = p[1] + (k / 6 - 2.5) * 0.0006;
        String id = as(Service.EVENT, token).header("Idempotency-Key", "outage-" + n)
                .body(String.format(Locale.ROOT, "{\"category\":\"%s\",\"description\":\"数据库中断期间的报告 %d\","
                        + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f}}", category, n, lat, lon))
                .post("/events").then().statusCode(201).extract().path("id");
        as(Service.EVENT, operator).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance").then().statusCode(200);
        return id;
    }
}
