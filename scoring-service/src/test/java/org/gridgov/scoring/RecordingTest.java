package org.gridgov.scoring;

import static io.restassured.RestAssured.given;
import static org.gridgov.scoring.Fixtures.RESIDENT;
import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.as;
import static org.gridgov.scoring.Fixtures.uid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The daily record (一日一记录) and bonuses and penalties of 1 to 10 points by an authorised scorer. */
@QuarkusTest
class RecordingTest {
    String worker;

    @BeforeEach
    void registerWorker() {
        worker = "USER:worker-" + uid();
        Fixtures.register(worker, Map.of("classCode", "GRID_WORKER", "homeCode", "350182403001001"));
    }

    Map<String, Object> bonus(int points) {
        return new HashMap<>(Map.of("subject", worker, "rule", "manual-bonus@1", "points", points, "reason", "省级试点工作",
                "evidence", List.of("https://files.example/honour.pdf"), "occurredAt", "2026-06-03T09:30:00+08:00", "place", "东山社区党群服务中心"));
    }

    long entries() {
        return as(SCORER).get("/ledger/balances/" + worker).then().extract().<Integer>path("entries").longValue();
    }

    @Test
    void aBonusLandsPendingWithTimePlaceReasonAndEvidence() {
        String id = as(SCORER).body(bonus(5)).post("/ledger/entries").then().statusCode(201)
                .header("Location", containsString("/ledger/entries/"))
                .body("status", equalTo("PENDING")).body("points", equalTo(5)).body("rule", equalTo("manual-bonus@1"))
                .body("kind", equalTo("MANUAL")).body("period", equalTo("2026-06")).body("place", equalTo("东山社区党群服务中心"))
                .body("reason", equalTo("省级试点工作")).body("evidence[0]", equalTo("https://files.example/honour.pdf"))
                .body("recordedBy", equalTo("scorer-1")).body("sourceEvent", notNullValue()).extract().path("id");
        Map<String, Object> penalty = bonus(3);
        penalty.put("rule", "manual-penalty@1");
        penalty.put("reason", "安全生产事故");
        as(SCORER).body(penalty).post("/ledger/entries").then().statusCode(201).body("points", equalTo(-3));

        as(SCORER).get("/ledger/entries/" + id).then().statusCode(200).body("occurredAt", notNullValue());
        as(SCORER).get("/statements/" + worker + "?period=2026-Q2").then().statusCode(200).body("points", equalTo(2))
                .body("pending", equalTo(2)).body("items.size()", equalTo(2)).body("items.rule", hasItem("manual-penalty@1"))
                .body("standard", equalTo(15));
    }

    @Test
    void recordedFactsTakeTheirPointsFromTheRule() {
        Map<String, Object> visit = bonus(1);
        visit.remove("points");
        visit.put("rule", "visit-made"); // the version in force
        visit.put("sourceRef", "visit-" + uid());
        as(SCORER).body(visit).post("/ledger/entries").then().statusCode(201).body("rule", equalTo("visit-made@1"))
                .body("points", equalTo(1)).body("kind", equalTo("RECORD")).body("sourceRef", equalTo(visit.get("sourceRef")));
        visit.put("points", 4);
        as(SCORER).body(visit).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("points"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyRecordsOnce() {
        String key = "retry-" + uid();
        String first = as(SCORER).header("Idempotency-Key", key).body(bonus(2)).post("/ledger/entries").then().statusCode(201)
                .extract().path("id");
        as(SCORER).header("Idempotency-Key", key).body(bonus(2)).post("/ledger/entries").then().statusCode(200).body("id", equalTo(first));
        assertEquals(1, entries());
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() {
        for (int points : new int[] { 0, 11, -2 }) {
            as(SCORER).body(bonus(points)).post("/ledger/entries").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("points"));
        }
        Map<String, Object> b = bonus(5);
        b.remove("evidence");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors.field", hasItem("evidence"));
        b = bonus(5);
        b.put("evidence", List.of(" "));
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors.field", hasItem("evidence"));
        b = bonus(5);
        b.put("subject", "USER:nobody-" + uid());
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("subject"))
                .body("errors[0].reason", containsString("unknown subject"));
        b = bonus(5);
        b.put("subject", "PLANET:mars");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("subject"));
        b = bonus(5);
        b.put("rule", "manual-bonus@9");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("rule"))
                .body("errors[0].reason", containsString("does not exist"));
        b.put("rule", "no-such-rule");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("rule"));
        b.put("rule", "valid-report@1");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors.reason", hasItem(containsString("lifecycle")));
        b = bonus(5);
        b.remove("reason");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        b = bonus(5);
        b.put("occurredAt", "2099-01-01T00:00:00Z");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("occurredAt"));
        b = bonus(5);
        b.put("indicator", "urban.innovation");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("indicator"));
        b = bonus(5);
        b.put("occurredAt", "yesterday");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("occurredAt"));
        as(SCORER).body("{\"subject\":").post("/ledger/entries").then().statusCode(400).contentType("application/problem+json");
        as(SCORER).post("/ledger/entries").then().statusCode(400);
        assertEquals(0, entries(), "nothing partial");
    }

    @Test
    void onlyScorersWriteEntries() {
        as(RESIDENT).body(bonus(5)).post("/ledger/entries").then().statusCode(403);
        as(Fixtures.SUPERVISOR).body(bonus(5)).post("/ledger/entries").then().statusCode(403);
        given().contentType(ContentType.JSON).body(bonus(5)).post("/ledger/entries").then().statusCode(401);
        assertEquals(0, entries());
    }

    @Test
    void indicatorsScoreCommunitiesOfTheirKind() {
        String village = "COMMUNITY:35018240" + (1000 + (int) (Math.random() * 8999));
        Fixtures.register(village, Map.of("communityKind", "RURAL"));
        Map<String, Object> b = bonus(4);
        b.put("subject", village);
        b.put("indicator", "urban.innovation");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("indicator"));
        b.put("indicator", "rural.living-environment");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(201).body("indicator", equalTo("rural.living-environment"));
        as(SCORER).body(Map.of("classCode", "CADRE_MEMBER")).put("/subjects/" + village).then().statusCode(400)
                .body("errors[0].field", equalTo("classCode"));
        as(SCORER).body(Map.of("classCode", "NOPE")).put("/subjects/" + worker).then().statusCode(400)
                .body("errors[0].field", equalTo("classCode"));
    }

    @Test
    void statementsAreReadByStaffOrTheirOwner() {
        String me = "USER:resident-1";
        Fixtures.register(me, Map.of("classCode", "RESIDENT"));
        Map<String, Object> b = bonus(2);
        b.put("subject", me);
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(201);
        as(RESIDENT).get("/statements/" + me).then().statusCode(200).body("items.subject", hasItem(me));
        as(RESIDENT).get("/statements/" + worker).then().statusCode(403).contentType("application/problem+json");
        as(SCORER).get("/statements/USER:never-" + uid()).then().statusCode(404);
        as(SCORER).get("/statements/" + worker + "?period=2026-13").then().statusCode(400).body("errors[0].field", equalTo("period"));
    }

    @Test
    void aNulOrADateOutsideTheSaneYearsIsAProblemNamingTheFieldAndWritesNothing() {
        Map<String, Object> b = bonus(5);
        b.put("reason", "省级\u0000试点");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason")).body("errors[0].reason", containsString("NUL"));
        b = bonus(5);
        b.put("evidence", List.of("https://files.example/a.pdf", "\u0000"));
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).body("errors[0].field", equalTo("evidence[1]"));
        b = bonus(5);
        b.put("occurredAt", "-999999999-01-01T00:00:00Z");
        as(SCORER).body(b).post("/ledger/entries").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("occurredAt"));
        as(SCORER).queryParam("sourceRef", "x\u0000").get("/ledger").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("sourceRef"));
        assertEquals(0, entries());
    }
}
