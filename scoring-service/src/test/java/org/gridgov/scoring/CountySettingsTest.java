package org.gridgov.scoring;

import static org.gridgov.scoring.Fixtures.ADMIN;
import static org.gridgov.scoring.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.gridgov.common.contract.EventType;
import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Two counties in one deployment (#20.8): 350182 (A) and 350183 (B). B's own rule version scores B's facts only, B's
 * indicator weights weigh B's communities only, B's month lock does not stop A, and rankings never mix A and B. A county's
 * administrator changes her county's settings, never another county's nor the shared ones.
 */
@QuarkusTest
class CountySettingsTest {
    static final String A = "350182", B = "350183";
    static final String ADMIN_A = JwtKeys.forTests().token("admin-" + A, Set.of("admin"), Map.of("district", A));
    static final String ADMIN_B = JwtKeys.forTests().token("admin-" + B, Set.of("admin"), Map.of("district", B));
    static final String SCORER_B = JwtKeys.forTests().token("scorer-" + B, Set.of("scorer"), Map.of("district", B));
    static final String SUPERVISOR_A = JwtKeys.forTests().token("supervisor-" + A, Set.of("supervisor"), Map.of("district", A));
    static final String SUPERVISOR_B = JwtKeys.forTests().token("supervisor-" + B, Set.of("supervisor"), Map.of("district", B));
    /** decides what ADMIN records */
    static final String ADMIN_AUDITOR = JwtKeys.forTests().token("admin-settings-auditor", "admin");

    static Map<String, Object> version(int points, String county) {
        Map<String, Object> body = new HashMap<>(Map.of("fact", "RESOLVED_ON_TIME", "subjectType", "GRID", "points", points,
                "effectiveFrom", "2041-01-01T00:00:00+08:00", "description", "on time, county test"));
        if (county != null) {
            body.put("county", county);
        }
        return body;
    }

    static void bonus(String subject, int points, String occurredAt) {
        as(ADMIN).body(Map.of("subject", subject, "rule", "manual-bonus@1", "points", points, "reason", "试点工作", "evidence",
                List.of("x"), "occurredAt", occurredAt)).post("/ledger/entries").then().statusCode(201);
    }

    static void forbidden(ValidatableResponse r, String detail) {
        r.statusCode(403).contentType("application/problem+json").body("detail", containsString(detail));
    }

    @Test
    void aCountysOwnRuleVersionScoresTheFactsOfItsSubjectsOnly() {
        String rule = "cty-on-time-" + Fixtures.uid();
        as(ADMIN).body(version(1, null)).post("/rules/" + rule + "/versions").then().statusCode(201).body("county", nullValue());
        // her county only: not the shared version, not another county's
        forbidden(as(ADMIN_B).body(version(5, null)).post("/rules/" + rule + "/versions").then(), "shared");
        forbidden(as(ADMIN_B).body(version(5, A)).post("/rules/" + rule + "/versions").then(), A);
        forbidden(as(ADMIN_A).body(version(5, null)).post("/rules/" + rule + "/versions?county=" + B).then(), B);
        as(SCORER_B).body(version(5, B)).post("/rules/" + rule + "/versions").then().statusCode(403);
        as(ADMIN_B).body(version(5, A)).post("/rules/" + rule + "/versions?county=" + B).then().statusCode(400)
                .body("errors[0].field", equalTo("county"));
        as(ADMIN_B).body(Map.of("fact", "RESOLVED_ON_TIME", "subjectType", "STREET", "points", 5, "county", B,
                "effectiveFrom", "2041-01-01T00:00:00+08:00", "description", "x")).post("/rules/" + rule + "/versions").then()
                .statusCode(400).body("errors[0].field", equalTo("subjectType"));
        as(ADMIN_B).body(version(5, B)).post("/rules/" + rule + "/versions").then().statusCode(201)
                .body("version", equalTo(2)).body("county", equalTo(B)).body("createdBy", equalTo("admin-" + B));
        // what applies where
        as(SCORER_B).get("/rules?county=" + B + "&at=2041-02-01T00:00:00Z").then().statusCode(200)
                .body("find { it.ruleId == '" + rule + "' }.points", equalTo(5));
        as(SCORER_B).get("/rules?county=" + A + "&at=2041-02-01T00:00:00Z").then().statusCode(200)
                .body("find { it.ruleId == '" + rule + "' }.points", equalTo(1));
        as(SCORER_B).get("/rules?county=" + A).then().body("findAll { it.ruleId == '" + rule + "' }.version", equalTo(List.of(1)));

        String gridA = A + "941001001", gridB = B + "941001001";
        String evA = UUID.randomUUID().toString(), evB = UUID.randomUUID().toString();
        Fixtures.send(Fixtures.lifecycle(null, EventType.EVENT_CLOSED, evA, "FOLLOWED_UP", gridA, null, null, true, "2041-03-02T02:00:00Z"));
        Fixtures.send(Fixtures.lifecycle(null, EventType.EVENT_CLOSED, evB, "FOLLOWED_UP", gridB, null, null, true, "2041-03-02T02:00:00Z"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            as(ADMIN).queryParam("sourceRef", evA).queryParam("subject", "GRID:" + gridA).get("/ledger").then()
                    .body("find { it.rule.startsWith('" + rule + "@') }.rule", equalTo(rule + "@1"))
                    .body("find { it.rule.startsWith('" + rule + "@') }.points", equalTo(1))
                    .body("find { it.rule.startsWith('" + rule + "@') }.county", equalTo(A));
            as(ADMIN).queryParam("sourceRef", evB).queryParam("subject", "GRID:" + gridB).get("/ledger").then()
                    .body("find { it.rule.startsWith('" + rule + "@') }.rule", equalTo(rule + "@2"))
                    .body("find { it.rule.startsWith('" + rule + "@') }.points", equalTo(5))
                    .body("find { it.rule.startsWith('" + rule + "@') }.county", equalTo(B));
        });
        // the statement names the version, and the version its county
        as(ADMIN).get("/rules/" + rule + "/versions/2").then().body("county", equalTo(B));
    }

    @Test
    void aCountysIndicatorWeightsWeighItsCommunitiesOnly() {
        Map<String, Object> weights = new HashMap<>(Map.of("urban.demands-resolved", 0.5, "urban.basic-work", 0.1,
                "urban.property-service", 0.1, "urban.innovation", 0.1, "urban.satisfaction", 0.1, "urban.party-building", 0.1));
        forbidden(as(ADMIN_B).body(Map.of("weights", weights)).put("/indicators/URBAN").then(), "shared");
        forbidden(as(ADMIN_B).body(Map.of("weights", weights)).put("/indicators/URBAN?county=" + A).then(), A);
        as(SUPERVISOR_B).body(Map.of("weights", weights)).put("/indicators/URBAN?county=" + B).then().statusCode(403);
        Map<String, Object> bad = new HashMap<>(weights);
        bad.put("urban.demands-resolved", 0.6);
        as(ADMIN_B).body(Map.of("weights", bad)).put("/indicators/URBAN?county=" + B).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("weights"));
        bad.remove("urban.basic-work");
        as(ADMIN_B).body(Map.of("weights", bad)).put("/indicators/URBAN?county=" + B).then().statusCode(400)
                .body("errors.field", hasItem("weights.urban.basic-work"));
        as(ADMIN_B).body(Map.of("weights", Map.of("rural.overall", 1))).put("/indicators/URBAN?county=" + B).then().statusCode(400)
                .body("errors.field", hasItem("weights.rural.overall"));
        as(ADMIN_B).body(Map.of("weights", weights)).put("/indicators/URBAN?county=" + B).then().statusCode(200)
                .body("find { it.code == 'urban.demands-resolved' }.weight", equalTo(0.5f))
                .body("find { it.code == 'urban.demands-resolved' }.county", equalTo(B));
        as(Fixtures.RESIDENT).get("/indicators?county=" + B).then().body("find { it.code == 'urban.demands-resolved' }.weight", equalTo(0.5f));
        as(Fixtures.RESIDENT).get("/indicators?county=" + A).then().body("find { it.code == 'urban.demands-resolved' }.weight", equalTo(0.25f))
                .body("find { it.code == 'urban.demands-resolved' }.county", nullValue());
        as(Fixtures.RESIDENT).get("/indicators").then().body("find { it.code == 'urban.demands-resolved' }.weight", equalTo(0.25f));

        String communityA = "COMMUNITY:" + A + "942001", communityB = "COMMUNITY:" + B + "942001";
        for (String community : List.of(communityA, communityB)) {
            as(ADMIN).body(Map.of("communityKind", "URBAN")).put("/subjects/" + community).then().statusCode(200);
            as(ADMIN).body(Map.of("subject", community, "rule", "manual-bonus@1", "points", 10, "reason", "诉求办理", "evidence",
                    List.of("x"), "occurredAt", "2015-03-01T10:00:00+08:00", "indicator", "urban.demands-resolved")).post("/ledger/entries")
                    .then().statusCode(201);
        }
        as(ADMIN).get("/accounts/2015?level=COMMUNITY").then().statusCode(200)
                .body("rows.find { it.subject == '" + communityA + "' }.weightedIndicatorScore", equalTo(2.5f))
                .body("rows.find { it.subject == '" + communityB + "' }.weightedIndicatorScore", equalTo(5.0f));
    }

    @Test
    void aCountysMonthLockFreezesItsEntriesOnly() {
        String gridA = "GRID:" + A + "943001001", gridB = "GRID:" + B + "943001001";
        String month = "2016-02";
        for (String grid : List.of(gridA, gridB)) {
            as(ADMIN).body(Map.of()).put("/subjects/" + grid).then().statusCode(200);
            bonus(grid, 2, "2016-02-10T10:00:00+08:00");
        }
        // B decides and locks hers; A's pending entry is no matter of hers
        as(SUPERVISOR_B).body(Map.of("decision", "APPROVED", "all", true)).post("/audits/" + month + "/decisions").then().statusCode(200)
                .body("entries", equalTo(1));
        forbidden(as(SUPERVISOR_B).post("/audits/" + month + "/lock?county=" + A).then(), A);
        as(SCORER_B).post("/audits/" + month + "/lock").then().statusCode(403);
        as(SUPERVISOR_B).post("/audits/" + month + "/lock").then().statusCode(200).body("locked", equalTo(true))
                .body("counties", equalTo(List.of(B))).body("approved", equalTo(1)).body("pending", equalTo(0));
        as(SUPERVISOR_B).post("/audits/" + month + "/lock").then().statusCode(409);
        as(SUPERVISOR_A).get("/audits/" + month).then().body("locked", equalTo(false)).body("pending", equalTo(1));
        as(SUPERVISOR_B).get("/audits/" + month + "?county=" + A).then().statusCode(403);

        // writing into B's locked month is refused; A's stays open
        as(ADMIN).body(Map.of("subject", gridB, "rule", "manual-bonus@1", "points", 1, "reason", "迟到的记录", "evidence",
                List.of("x"), "occurredAt", "2016-02-11T10:00:00+08:00")).post("/ledger/entries").then().statusCode(409)
                .body("errors[0].field", equalTo("occurredAt"));
        bonus(gridA, 1, "2016-02-11T10:00:00+08:00");
        // a late fact of B's locked month lands in B's next open month; A's stays in its own
        String evA = UUID.randomUUID().toString(), evB = UUID.randomUUID().toString();
        Fixtures.send(Fixtures.lifecycle(null, EventType.EVENT_CLOSED, evA, "FOLLOWED_UP", gridA.substring(5), null, null, true,
                "2016-02-20T02:00:00Z"));
        Fixtures.send(Fixtures.lifecycle(null, EventType.EVENT_CLOSED, evB, "FOLLOWED_UP", gridB.substring(5), null, null, true,
                "2016-02-20T02:00:00Z"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            as(ADMIN).queryParam("sourceRef", evA).queryParam("subject", gridA).get("/ledger").then().body("period", hasItem(month))
                    .body("period", not(hasItem("2016-03")));
            as(ADMIN).queryParam("sourceRef", evB).queryParam("subject", gridB).get("/ledger").then().body("period", hasItem("2016-03"))
                    .body("period", not(hasItem(month)));
        });
        // A locks hers once decided; then every county is locked
        as(ADMIN_AUDITOR).body(Map.of("decision", "APPROVED", "all", true)).post("/audits/" + month + "/decisions").then().statusCode(200);
        forbidden(as(ADMIN_A).post("/audits/" + month + "/lock?county=" + B).then(), B);
        as(ADMIN_A).post("/audits/" + month + "/lock").then().statusCode(200).body("counties", equalTo(List.of(A)));
        as(SUPERVISOR_A).get("/audits/" + month).then().body("locked", equalTo(true));
    }

    @Test
    void rankingsNeverMixCounties() {
        String a1 = "GRID:" + A + "944001001", a2 = "GRID:" + A + "944001002", b1 = "GRID:" + B + "944001001";
        Map<String, Integer> points = Map.of(a1, 3, a2, 1, b1, 2);
        points.forEach((grid, p) -> {
            as(ADMIN).body(Map.of()).put("/subjects/" + grid).then().statusCode(200);
            as(ADMIN).body(Map.of("subject", grid, "rule", "manual-bonus@1", "points", p, "reason", "评议", "evidence", List.of("x"),
                    "occurredAt", "2015-08-10T10:00:00+08:00")).post("/ledger/entries").then().statusCode(201);
        });
        // live: each county's grids ranked among themselves
        as(SUPERVISOR_B).get("/rankings?level=GRID&period=2015-Q3&within=" + B + "944").then().statusCode(200)
                .body("rows.subject", equalTo(List.of(b1))).body("rows[0].rank", equalTo(1));
        as(SUPERVISOR_B).get("/rankings?level=GRID&period=2015-Q3").then().statusCode(200).body("rows.subject", not(hasItem(a1)))
                .body("counties", equalTo(List.of(B)));
        as(SUPERVISOR_B).get("/rankings?level=GRID&period=2015-Q3&county=" + A).then().statusCode(403);
        as(ADMIN).get("/rankings?level=GRID&period=2015-Q3&county=" + B).then().body("rows.subject", not(hasItem(a1)));
        as(ADMIN).get("/rankings?level=GRID&period=2015-Q3").then().statusCode(200)
                .body("rows.find { it.subject == '" + b1 + "' }.county", equalTo(B))
                .body("rows.find { it.subject == '" + b1 + "' }.rank", equalTo(1))
                .body("rows.find { it.subject == '" + a1 + "' }.rank", equalTo(1))
                .body("rows.find { it.subject == '" + a2 + "' }.rank", equalTo(2));

        // B audits, locks and publishes her quarter; A's stays unpublished
        for (String m : List.of("2015-07", "2015-08", "2015-09")) {
            as(ADMIN_AUDITOR).body(Map.of("decision", "APPROVED", "all", true, "subject", b1)).post("/audits/" + m + "/decisions").then()
                    .statusCode(200);
            as(SUPERVISOR_B).post("/audits/" + m + "/lock").then().statusCode(200);
        }
        forbidden(as(SUPERVISOR_B).post("/rankings/2015-Q3/publish?county=" + A).then(), A);
        as(SUPERVISOR_A).post("/rankings/2015-Q3/publish").then().statusCode(409).body("detail", containsString("locked"));
        as(SUPERVISOR_B).post("/rankings/2015-Q3/publish").then().statusCode(200).body("counties", equalTo(List.of(B)))
                .body("subjects.GRID", equalTo(1));
        io.restassured.RestAssured.given().get("/public/rankings/2015-Q3?level=GRID&county=" + B).then().statusCode(200)
                .body("county", equalTo(B)).body("rows.subject", equalTo(List.of(b1))).body("rows[0].rank", equalTo(1));
        io.restassured.RestAssured.given().get("/public/rankings/2015-Q3?level=GRID&county=" + A).then().statusCode(404);
        io.restassured.RestAssured.given().get("/public/rankings?county=" + B).then().body("findAll { it.period == '2015-Q3' }", hasSize(3));
        io.restassured.RestAssured.given().get("/public/rankings?county=" + A).then().body("findAll { it.period == '2015-Q3' }", hasSize(0));

        // then A: her grids only, ranked among themselves
        for (String m : List.of("2015-07", "2015-08", "2015-09")) {
            as(ADMIN_AUDITOR).body(Map.of("decision", "APPROVED", "all", true)).post("/audits/" + m + "/decisions").then().statusCode(200);
            as(SUPERVISOR_A).post("/audits/" + m + "/lock").then().statusCode(200);
        }
        as(SUPERVISOR_A).post("/rankings/2015-Q3/publish").then().statusCode(200).body("counties", equalTo(List.of(A)));
        io.restassured.RestAssured.given().get("/public/rankings/2015-Q3?level=GRID&county=" + A).then().statusCode(200)
                .body("rows.subject", equalTo(List.of(a1, a2))).body("rows.rank", equalTo(List.of(1, 2)));
        io.restassured.RestAssured.given().get("/public/rankings/2015-Q3?level=GRID&within=" + B).then().statusCode(200)
                .body("rows.subject", equalTo(List.of(b1)));
        io.restassured.RestAssured.given().get("/public/rankings/2015-Q3?level=GRID").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("county"));
    }
}
