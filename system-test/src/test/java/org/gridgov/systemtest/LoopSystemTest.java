package org.gridgov.systemtest;

import static org.awaitility.Awaitility.await;
import static org.gridgov.systemtest.SystemSuite.as;
import static org.gridgov.systemtest.SystemSuite.token;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One report walked around the whole loop across the four running services. */
class LoopSystemTest {
    static String resident;
    static String worker;
    static String scorer;
    static String staff;

    @BeforeAll
    static void suite() {
        SystemSuite.get();
        resident = token("resident-loop", "resident");
        // the grid worker of the grid the report lands in (DemoData.GRIDS.get(4))
        worker = token("worker-5", Map.of("grids", List.of(DemoData.GRIDS.get(4).code())), "grid_worker");
        scorer = SystemSuite.scorer();
        staff = SystemSuite.streetStaff();
    }

    @Test
    void aReportIsLocatedDispatchedResolvedVerifiedRatedClosedAndCredited() {
        DemoData.Grid grid = DemoData.GRIDS.get(4);
        double[] p = grid.centre();
        // discover
        String id = as(Service.EVENT, resident).header("Idempotency-Key", "loop-1")
                .body(String.format(Locale.ROOT, "{\"category\":\"environment.garbage\",\"description\":\"西湖路口垃圾满溢\","
                        + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},\"address\":\"西湖路8号\"}", p[1], p[0]))
                .post("/events").then().statusCode(201).body("status", equalTo("REPORTED")).extract().path("id");
        // 立案 by an operator of the command centre
        as(Service.EVENT, SystemSuite.operator()).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));

        // located from the replica fed by grid-service, dispatched by escalation-service
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(Service.EVENT, resident).get("/events/" + id)
                .then().statusCode(200).body("status", equalTo("DISPATCHED")));
        as(Service.EVENT, resident).get("/events/" + id).then()
                .body("gridCode", equalTo(grid.code())).body("communityCode", equalTo(grid.community()))
                .body("streetCode", equalTo(DemoData.STREET)).body("handlerUnit", equalTo("GRID:" + grid.code()))
                .body("deadline", notNullValue());
        as(Service.ESCALATION, staff).get("/tasks/by-event/" + id).then().statusCode(200).body("$", hasSize(1))
                .body("[0].status", equalTo("OPEN")).body("[0].handlerUnit", equalTo("GRID:" + grid.code()));

        // handle, verify, follow up
        as(Service.EVENT, worker).body("{\"note\":\"已联系环卫清运\"}").post("/events/" + id + "/resolution")
                .then().statusCode(200).body("status", equalTo("RESOLVED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(Service.ESCALATION, staff).get("/tasks/by-event/" + id)
                .then().body("[0].status", equalTo("RESOLVED")));
        // another worker of the grid verifies: resolving and verifying are separate duties
        String verifier = token("worker-5-verifier", Map.of("grids", List.of(grid.code())), "grid_worker");
        as(Service.EVENT, verifier).body("{\"passed\":true,\"note\":\"现场核查已清理\"}").post("/events/" + id + "/verification")
                .then().statusCode(200).body("status", equalTo("VERIFIED"));
        List<String> actions = as(Service.EVENT, resident).body("{\"satisfaction\":\"SATISFIED\",\"comment\":\"处理及时\"}")
                .post("/events/" + id + "/follow-up").then().statusCode(200).body("status", equalTo("CLOSED"))
                .extract().path("timeline.action");
        assertEquals(List.of("REPORT", "ACCEPT", "DISPATCH", "RESOLVE", "VERIFY", "FOLLOW_UP", "CLOSE"),
                actions.stream().filter(a -> !a.equals("LOCATE")).toList(), "timeline " + actions);

        // supervision sees it closed, scoring credited the reporter, the grid, its community and its street
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(Service.ESCALATION, staff).get("/tasks/by-event/" + id)
                .then().body("[0].status", equalTo("CLOSED")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> entries = as(Service.SCORING, scorer).queryParam("sourceRef", id).get("/ledger")
                    .then().statusCode(200).extract().path("$");
            Map<String, Object> byRule = new java.util.TreeMap<>();
            entries.forEach(e -> byRule.put(e.get("rule") + " " + e.get("subject"), e.get("points")));
            // the grid's community and street are credited by rules of their own (#20.7)
            String community = "COMMUNITY:" + grid.code().substring(0, 12), street = "STREET:" + grid.code().substring(0, 9);
            assertEquals(Map.of("valid-report@1 USER:resident-loop", 1, "closed-satisfied@1 GRID:" + grid.code(), 2,
                    "resolved-on-time@1 GRID:" + grid.code(), 1, "community-on-time@1 " + community, 1,
                    "community-satisfied@1 " + community, 1, "street-on-time@1 " + street, 1, "street-satisfied@1 " + street, 1), byRule);
        });
    }
}
