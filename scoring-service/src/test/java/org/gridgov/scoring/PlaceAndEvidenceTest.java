package org.gridgov.scoring;

import static org.awaitility.Awaitility.await;
import static org.gridgov.scoring.Fixtures.ADMIN;
import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.as;
import static org.gridgov.scoring.Fixtures.lifecycle;
import static org.gridgov.scoring.Fixtures.send;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Communities and streets are credited by the loop; rules that require evidence refuse facts without it, visibly. */
@QuarkusTest
class PlaceAndEvidenceTest {

    @Test
    void theCommunityAndTheStreetOfAnEventEarnAndLosePointsByTheirOwnRules() {
        String onTime = UUID.randomUUID().toString(), late = UUID.randomUUID().toString();
        String grid = "350182405001001", community = "COMMUNITY:350182405001", street = "STREET:350182405";
        String t = "2026-08-03T02:00:00Z";
        send(lifecycle(null, EventType.EVENT_CLOSED, onTime, "FOLLOWED_UP", grid, "resident-p1", "VERY_SATISFIED", true, t));
        send(lifecycle(null, EventType.EVENT_CLOSED, late, "FOLLOWED_UP", grid, "resident-p1", "BASICALLY_SATISFIED", false, t));
        assertEquals(Map.of("closed-satisfied@1 GRID:" + grid, 2, "resolved-on-time@1 GRID:" + grid, 1,
                "community-on-time@1 " + community, 1, "community-satisfied@1 " + community, 1,
                "street-on-time@1 " + street, 1, "street-satisfied@1 " + street, 1), LifecycleRulesTest.byRule(onTime, 6));
        // basically satisfied earns the community and street nothing; overdue costs each a point
        assertEquals(Map.of("closed-satisfied@1 GRID:" + grid, 1, "overdue@1 GRID:" + grid, -1,
                "community-overdue@1 " + community, -1, "street-overdue@1 " + street, -1), LifecycleRulesTest.byRule(late, 4));
        as(SCORER).get("/ledger/balances/" + community + "?period=2026-08").then().body("points", equalTo(1)).body("entries", equalTo(3));
        // and they rank among their peers
        as(SCORER).get("/rankings?level=COMMUNITY&period=2026-08&within=350182405").then().statusCode(200)
                .body("rows.subject", hasItem(community));
        as(SCORER).get("/rankings?level=STREET&period=2026-Q3").then().statusCode(200).body("rows.subject", hasItem(street));
    }

    @Test
    void aRuleScoresOnlyASubjectTypeItsFactNames() {
        as(ADMIN).body(Map.of("fact", "RESOLVED_ON_TIME", "subjectType", "USER", "points", 1, "effectiveFrom", "2031-01-01T00:00:00+08:00",
                "description", "x")).post("/rules/user-on-time/versions").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("subjectType")).body("errors[0].reason", containsString("GRID, COMMUNITY, STREET"));
        as(ADMIN).body(Map.of("fact", "MONTHLY_COVERAGE", "subjectType", "STREET", "points", 1, "effectiveFrom", "2031-01-01T00:00:00+08:00",
                "description", "x")).post("/rules/street-coverage/versions").then().statusCode(400).body("errors[0].field", equalTo("subjectType"));
    }

    @Test
    void aManualEntryUnderARuleThatRequiresEvidenceIsRefusedWithoutIt() {
        String subject = "GRID:350182405002001";
        Fixtures.register(subject, Map.of("name", "证据网格"));
        as(SCORER).body(Map.of("subject", subject, "rule", "manual-bonus@1", "points", 3, "reason", "试点工作",
                "occurredAt", "2026-08-04T10:00:00+08:00")).post("/ledger/entries").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("evidence"));
        as(SCORER).body(Map.of("subject", subject, "rule", "manual-bonus@1", "points", 3, "reason", "试点工作", "evidence", List.of(),
                "occurredAt", "2026-08-04T10:00:00+08:00")).post("/ledger/entries").then().statusCode(400)
                .body("errors.field", hasItem("evidence"));
        as(SCORER).queryParam("subject", subject).get("/ledger").then().body("$", hasSize(0));
    }

    @Test
    void aConsumedFactWithoutTheEvidenceItsRuleRequiresIsRefusedAndShownWithTheReason() {
        // from 2032 on, a community's punctual closure counts only with evidence; lifecycle closures carry none
        as(ADMIN).body(Map.of("fact", "RESOLVED_ON_TIME", "subjectType", "COMMUNITY", "points", 2, "requiresEvidence", true,
                "effectiveFrom", "2032-01-01T00:00:00+08:00", "description", "on time, proven on site"))
                .post("/rules/community-on-time-proven/versions").then().statusCode(201);
        String ev = UUID.randomUUID().toString();
        String grid = "350182405003001";
        var closed = lifecycle(null, EventType.EVENT_CLOSED, ev, "FOLLOWED_UP", grid, "resident-p2", "SATISFIED", true, "2032-02-03T02:00:00Z");
        send(closed);
        send(closed); // redelivered
        send(lifecycle(null, EventType.EVENT_CLOSED, ev, "FOLLOWED_UP", grid, "resident-p2", "SATISFIED", true, "2032-02-03T02:00:00Z"));
        // a later fact on the same key: once it is credited, the closures before it have been handled
        send(lifecycle(null, EventType.EVENT_REWORK_REQUESTED, ev, "RESOLVED", grid, "resident-p2", null, null, "2032-02-04T02:00:00Z"));

        Map<String, Integer> credited = LifecycleRulesTest.byRule(ev, 7);
        assertEquals(null, credited.get("community-on-time-proven@1 COMMUNITY:350182405003"), credited.toString());
        assertEquals(1, credited.get("community-on-time@1 COMMUNITY:350182405003"), "the other rules still credit it");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(SCORER).queryParam("sourceRef", ev).get("/ledger/refused-facts")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].rule", equalTo("community-on-time-proven@1"))
                .body("[0].subject", equalTo("COMMUNITY:350182405003")).body("[0].fact", equalTo("RESOLVED_ON_TIME"))
                .body("[0].period", equalTo("2032-02")).body("[0].reason", containsString("requires evidence")));
        as(SCORER).queryParam("period", "2032-02").queryParam("subject", "COMMUNITY:350182405003").get("/ledger/refused-facts").then()
                .body("$", hasSize(1));
        // outside the caller's jurisdiction: not shown
        String elsewhere = JwtKeys.forTests().token("scorer-far", java.util.Set.of("scorer"), Map.of("streets", List.of("350196001")));
        as(elsewhere).queryParam("sourceRef", ev).get("/ledger/refused-facts").then().statusCode(200).body("$", hasSize(0));
        as(SCORER).queryParam("period", "2032-13").get("/ledger/refused-facts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("period"));
    }

    @Test
    void aProblemSolvedOnTheSpotCarriesItsPhotosAsEvidence() {
        String ev = UUID.randomUUID().toString();
        send(Fixtures.lifecycle(null, EventType.EVENT_SOLVED_ON_SPOT, LifecycleRulesTest.solvedOnSpot(ev, "350182405004001", "worker-e1",
                "2026-08-05T02:00:00Z")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(SCORER).queryParam("sourceRef", ev).get("/ledger").then()
                .body("$", hasSize(1)).body("[0].rule", equalTo("solved-on-spot@1"))
                .body("[0].evidence[0]", equalTo("event:" + ev + "#solved-on-spot")));
    }
}
