package org.gridgov.scoring;

import static org.awaitility.Awaitility.await;
import static org.gridgov.scoring.Fixtures.ADMIN;
import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.as;
import static org.gridgov.scoring.Fixtures.lifecycle;
import static org.gridgov.scoring.Fixtures.send;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;

/** Facts of the loop scored by rules that are versioned data. */
@QuarkusTest
class LifecycleRulesTest {

    static Map<String, Integer> byRule(String eventId, int expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(SCORER).queryParam("sourceRef", eventId).get("/ledger")
                .then().statusCode(200).body("$", hasSize(expected)));
        List<Map<String, Object>> entries = as(SCORER).queryParam("sourceRef", eventId).get("/ledger").then().extract().path("$");
        Map<String, Integer> out = new TreeMap<>();
        entries.forEach(e -> out.merge(e.get("rule") + " " + e.get("subject"), (Integer) e.get("points"), Integer::sum));
        return out;
    }

    @Test
    void reworkReopeningAndOverdueAreScoredOncePerFact() {
        String ev = UUID.randomUUID().toString();
        String grid = "350182402001001";
        String t = "2026-05-10T02:00:00Z";
        send(lifecycle(null, EventType.EVENT_REPORTED, ev, null, grid, "resident-r1", null, null, t));
        send(lifecycle(null, EventType.EVENT_ACCEPTED, ev, "REPORTED", grid, "resident-r1", null, null, t));
        CloudEvent rework = lifecycle(null, EventType.EVENT_REWORK_REQUESTED, ev, "RESOLVED", grid, "resident-r1", null, null, t);
        send(rework);
        send(rework); // redelivered: no second effect
        // a second rework: another transition of the event, at its own time
        send(lifecycle(null, EventType.EVENT_REWORK_REQUESTED, ev, "RESOLVED", grid, "resident-r1", null, null, "2026-05-10T03:00:00Z"));
        send(lifecycle(null, EventType.EVENT_FOLLOWED_UP, ev, "VERIFIED", grid, "resident-r1", "DISSATISFIED", null, t));
        send(lifecycle(null, EventType.EVENT_REOPENED, ev, "FOLLOWED_UP", grid, "resident-r1", "DISSATISFIED", null, t));
        send(lifecycle(null, EventType.EVENT_DISPATCHED, ev, "REOPENED", grid, "resident-r1", null, null, t)); // not a new report
        CloudEvent closed = lifecycle(null, EventType.EVENT_CLOSED, ev, "FOLLOWED_UP", grid, "resident-r1", "BASICALLY_SATISFIED", false, t);
        send(closed);
        // the same closure under another CloudEvent id (a producer re-sending without its id) is the same fact
        send(lifecycle(null, EventType.EVENT_CLOSED, ev, "FOLLOWED_UP", grid, "resident-r1", "BASICALLY_SATISFIED", false, t));
        // one more fact on the same key: once it is credited, everything before it has been handled
        send(lifecycle(null, EventType.EVENT_REWORK_REQUESTED, ev, "RESOLVED", grid, "resident-r1", null, null, "2026-05-10T04:00:00Z"));

        Map<String, Integer> credited = byRule(ev, 11);
        String community = "COMMUNITY:" + grid.substring(0, 12), street = "STREET:" + grid.substring(0, 9);
        assertEquals(Map.of("valid-report@1 USER:resident-r1", 1, "rework@1 GRID:" + grid, -3, "dissatisfied@1 GRID:" + grid, -2,
                "closed-satisfied@1 GRID:" + grid, 1, "overdue@1 GRID:" + grid, -1, "community-dissatisfied@1 " + community, -1,
                "street-dissatisfied@1 " + street, -1, "community-overdue@1 " + community, -1, "street-overdue@1 " + street, -1), credited);
        as(SCORER).get("/ledger/balances/GRID:" + grid + "?period=2026-05").then().body("points", equalTo(-5)).body("entries", equalTo(6));
        as(SCORER).get("/ledger/summary").then().body("duplicateCredits", equalTo(0));

        // the grid brought its community and street (first 12 and 9 digits of its code)
        as(SCORER).get("/subjects/COMMUNITY:350182402001").then().statusCode(200).body("subjectType", equalTo("COMMUNITY"));
        as(SCORER).get("/subjects/STREET:350182402").then().statusCode(200);
    }

    /** 回访未果 (#20.5): closed without a rating earns no satisfaction points; its on-time fact counts as for any closure */
    @Test
    void anEventClosedWithoutAnAnswerIsNotCreditedAsSatisfied() {
        String ev = UUID.randomUUID().toString();
        String grid = "350182403001001";
        String t = "2026-05-11T02:00:00Z";
        send(lifecycle(null, EventType.EVENT_ACCEPTED, ev, "REPORTED", grid, "resident-na", null, null, t));
        // closed as 回访未果: no satisfaction level, followUpOutcome NO_ANSWER
        send(Fixtures.lifecycle(null, EventType.EVENT_CLOSED, new org.gridgov.common.contract.payload.EventLifecycleV1(UUID.fromString(ev),
                "CLOSED", "VERIFIED", "environment.garbage", null, null, null, grid, null, null, "resident-na", "operator-1", null, null,
                null, null, true, OffsetDateTime.parse(t), OffsetDateTime.parse(t), null, null, null, null, null, "NO_ANSWER")));
        // one more fact on the same key: once it is credited, the closure before it has been handled
        send(lifecycle(null, EventType.EVENT_REWORK_REQUESTED, ev, "RESOLVED", grid, "resident-na", null, null, t));
        assertEquals(Map.of("valid-report@1 USER:resident-na", 1, "resolved-on-time@1 GRID:" + grid, 1, "rework@1 GRID:" + grid, -1,
                "community-on-time@1 COMMUNITY:" + grid.substring(0, 12), 1, "street-on-time@1 STREET:" + grid.substring(0, 9), 1),
                byRule(ev, 5));
    }

    @Test
    void seededVersionOneRulesGiveTheSpinePoints() {
        as(SCORER).get("/rules/valid-report/versions/1").then().statusCode(200).body("points", equalTo(1))
                .body("fact", equalTo("VALID_REPORT"))
                // V3_2 corrected the stale description: the fact is 立案 (accepted), not a first dispatch
                .body("description", containsString("立案")).body("description", not(containsString("dispatched")));
        as(SCORER).get("/rules/community-on-time/versions/1").then().statusCode(200).body("subjectType", equalTo("COMMUNITY"))
                .body("fact", equalTo("RESOLVED_ON_TIME"));
        as(SCORER).get("/rules/street-overdue/versions/1").then().statusCode(200).body("subjectType", equalTo("STREET"))
                .body("points", equalTo(-1));
        as(SCORER).get("/rules/closed-satisfied/versions/1").then().body("pointsBy.VERY_SATISFIED", equalTo(2))
                .body("pointsBy.SATISFIED", equalTo(2)).body("pointsBy.BASICALLY_SATISFIED", equalTo(1));
        as(SCORER).get("/rules/resolved-on-time/versions/1").then().body("points", equalTo(1));
        as(SCORER).get("/rules/manual-bonus/versions/1").then().body("requiresEvidence", equalTo(true));
        as(SCORER).get("/rules/valid-report/versions/99").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("valid-report@99"));
        as(SCORER).get("/rules/no-such-rule").then().statusCode(404);
    }

    @Test
    void aNewRuleVersionScoresLaterFactsAndNeverRewritesPastEntries() {
        String early = UUID.randomUUID().toString();
        send(lifecycle(null, EventType.EVENT_ACCEPTED, early, "REPORTED", "350182402001002", "resident-v1", null, null,
                "2029-12-31T15:59:59Z"));
        assertEquals(Map.of("valid-report@1 USER:resident-v1", 1), byRule(early, 1));

        as(SCORER).body(Map.of("points", 3, "effectiveFrom", "2030-01-01T00:00:00+08:00", "description", "valid reports count more"))
                .post("/rules/valid-report/versions").then().statusCode(403);
        // effectiveFrom before the latest version's is refused, naming the field
        as(ADMIN).body(Map.of("points", 3, "effectiveFrom", "1999-01-01T00:00:00+08:00", "description", "x"))
                .post("/rules/valid-report/versions").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("effectiveFrom"));
        as(ADMIN).body(Map.of("fact", "CLOSED", "points", 3, "effectiveFrom", "2030-01-01T00:00:00+08:00", "description", "x"))
                .post("/rules/valid-report/versions").then().statusCode(400).body("errors[0].field", equalTo("fact"));
        int v = as(ADMIN).body(Map.of("points", 3, "effectiveFrom", "2030-01-01T00:00:00+08:00", "description", "valid reports count more"))
                .post("/rules/valid-report/versions").then().statusCode(201).extract().path("version");

        String late = UUID.randomUUID().toString();
        send(lifecycle(null, EventType.EVENT_ACCEPTED, late, "REPORTED", "350182402001002", "resident-v1", null, null,
                "2029-12-31T16:00:00Z")); // 2030-01-01 00:00 in Shanghai
        assertEquals(Map.of("valid-report@" + v + " USER:resident-v1", 3), byRule(late, 1));
        // the earlier entry keeps its version and points
        assertEquals(Map.of("valid-report@1 USER:resident-v1", 1), byRule(early, 1));
        as(SCORER).get("/ledger/balances/USER:resident-v1").then().body("points", equalTo(4));
    }

    @Test
    void eachClassOfIndividualsHasItsOwnStandard() {
        Fixtures.register("USER:cadre-c1", Map.of("classCode", "CADRE_SECRETARY"));
        as(ADMIN).body(Map.of("fact", "VALID_REPORT", "subjectType", "USER", "points", 0, "classPoints", Map.of("CADRE_SECRETARY", 2),
                "effectiveFrom", "2028-06-01T00:00:00+08:00", "description", "cadres' reports count extra"))
                .post("/rules/cadre-report/versions").then().statusCode(201).body("version", equalTo(1));
        as(ADMIN).body(Map.of("fact", "VALID_REPORT", "subjectType", "USER", "points", 1, "classPoints", Map.of("NO_SUCH_CLASS", 2),
                "effectiveFrom", "2028-06-01T00:00:00+08:00", "description", "x"))
                .post("/rules/other-report/versions").then().statusCode(400).body("errors[0].field", equalTo("classPoints.NO_SUCH_CLASS"));

        String byCadre = UUID.randomUUID().toString();
        String byResident = UUID.randomUUID().toString();
        send(lifecycle(null, EventType.EVENT_ACCEPTED, byCadre, "REPORTED", "350182402001003", "cadre-c1", null, null, "2028-07-01T00:00:00Z"));
        send(lifecycle(null, EventType.EVENT_ACCEPTED, byResident, "REPORTED", "350182402001003", "resident-c2", null, null,
                "2028-07-01T00:00:00Z"));
        assertEquals(Map.of("valid-report@1 USER:cadre-c1", 1, "cadre-report@1 USER:cadre-c1", 2), byRule(byCadre, 2));
        assertEquals(Map.of("valid-report@1 USER:resident-c2", 1), byRule(byResident, 1));
        // the statement compares the month's points with the class standard (5 in the seeds)
        as(SCORER).get("/statements/USER:cadre-c1?period=2028-07").then().statusCode(200).body("classCode", equalTo("CADRE_SECRETARY"))
                .body("points", equalTo(3)).body("standard", equalTo(5)).body("standardReached", equalTo(false));
        as(SCORER).get("/subject-classes").then().body("size()", equalTo(8));
        as(SCORER).get("/indicators").then().body("findAll { it.communityKind == 'URBAN' }.size()", equalTo(6))
                .body("findAll { it.communityKind == 'RURAL' }.size()", equalTo(7));
    }

    @Test
    void aProblemSolvedOnTheSpotCreditsTheWorkerOnceAndHotlineCallersEarnNothing() {
        String ev = UUID.randomUUID().toString();
        CloudEvent solved = Fixtures.lifecycle(null, EventType.EVENT_SOLVED_ON_SPOT, solvedOnSpot(ev, "350182402001004", "worker-s1",
                "2026-06-01T02:00:00Z"));
        send(solved);
        send(solved);
        String call = UUID.randomUUID().toString();
        send(lifecycle(null, EventType.EVENT_ACCEPTED, call, "REPORTED", "350182402001004", "12345:T-1", null, null, "2026-06-01T02:00:00Z"));
        send(lifecycle(null, EventType.EVENT_ACCEPTED, call, "REPORTED", "350182402001004", "12345:T-1", null, null, "2026-06-01T02:00:00Z"));
        // a later fact on the call's key shows the acceptance was processed and earned nothing
        send(lifecycle(null, EventType.EVENT_REWORK_REQUESTED, call, "RESOLVED", "350182402001004", "12345:T-1", null, null, "2026-06-01T02:00:00Z"));
        assertEquals(Map.of("solved-on-spot@1 USER:worker-s1", 2), byRule(ev, 1));
        assertEquals(java.util.Set.of("rework@1 GRID:350182402001004"), byRule(call, 1).keySet(), "no valid-report for a 12345 caller");
    }

    /** 即办件: resolved on the spot by the worker who reported it (status RESOLVED from ACCEPTED, item type IMMEDIATE) */
    static org.gridgov.common.contract.payload.EventLifecycleV1 solvedOnSpot(String ev, String grid, String worker, String occurredAt) {
        return new org.gridgov.common.contract.payload.EventLifecycleV1(java.util.UUID.fromString(ev), "RESOLVED", "ACCEPTED",
                "environment.garbage", null, null, null, grid, null, null, worker, worker, null, null, null, null, null, null,
                java.time.OffsetDateTime.parse(occurredAt), null, null, null, "IMMEDIATE", null, null);
    }
}
