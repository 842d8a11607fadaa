package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.gridgov.event.EventLifecycleTest.countyWide;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Tier;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.event.followup.FollowUpSweep;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * 回访 that ends (#20.5): the follow-up queue records each call attempt; after max-attempts unanswered attempts, or
 * max-working-days working days after verification, the event is closed as 回访未果 (no answer), counted apart in the
 * statistics and announced without a rating.
 */
@QuarkusTest
class FollowUpTest {
    static final String RESIDENT = JwtKeys.forTests().token("resident-fu", "resident");
    static final String WORKER = countyWide("worker-fu1", "grid_worker");
    static final String VERIFIER = countyWide("worker-fu2", "grid_worker");
    static final String OPERATOR = countyWide("operator-fu", "operator");
    static final String STAFF = countyWide("street-fu", "street_staff");
    /** an operator of a street elsewhere (not county-wide): the event, not placed in her street, is not hers */
    static final String FOREIGN_OPERATOR = JwtKeys.forTests().token("operator-x", java.util.Set.of("operator"),
            java.util.Map.of("streets", "350199001"), Duration.ofHours(1));
    static final String ADMIN = JwtKeys.forTests().token("admin-fu", "admin");
    static final java.util.concurrent.atomic.AtomicInteger SPREAD = new java.util.concurrent.atomic.AtomicInteger();
    static boolean categoryMade;

    @Inject
    FollowUpSweep sweep;

    /** a category only these tests use, so that the statistics by category are theirs alone */
    @BeforeEach
    void category() {
        if (categoryMade) {
            return;
        }
        for (String[] c : new String[][] { { "followup", "93", null }, { "followup.test", "9301", "followup" } }) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"kind\":\"EVENT\",\"code\":\"" + c[1] + "\",\"nameZh\":\"回访测试\",\"nameEn\":\"Follow-up test\""
                            + (c[2] == null ? "" : ",\"parentKey\":\"" + c[2] + "\"") + "}")
                    .put("/categories/" + c[0]).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        categoryMade = true;
    }

    /** a resident's report taken round the loop to VERIFIED: waiting for its follow-up */
    static String verified() {
        return verified("followup.test");
    }

    /** as {@link #verified()}, in another category */
    static String verified(String category) {
        int n = SPREAD.getAndIncrement();
        String id = given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"" + category + "\",\"description\":\"回访测试 " + n + "\",\"address\":\"回访路" + n + "号\"}")
                .post("/events").then().statusCode(201).extract().path("id");
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}")
                .post("/events/" + id + "/acceptance").then().statusCode(200);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, Published.fromEscalation(EventType.TASK_DISPATCHED,
                new TaskDispatchedV1(UUID.randomUUID(), UUID.fromString(id), category, null, "GRID:x", Tier.GRID, "test@1",
                        "test", OffsetDateTime.now(), OffsetDateTime.now().plusDays(3), null, null, null)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"已处理\"}")
                .post("/events/" + id + "/resolution").then().statusCode(200);
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":true}")
                .post("/events/" + id + "/verification").then().statusCode(200).body("status", equalTo("VERIFIED"));
        return id;
    }

    static io.restassured.response.ValidatableResponse attempt(String token, String id, String outcome) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"outcome\":\"" + outcome + "\",\"note\":\"拨打 " + outcome + "\"}")
                .post("/events/" + id + "/follow-up-attempts").then();
    }

    @Test
    void theThirdUnansweredCallClosesTheEventAsNoAnswer() throws Exception {
        String id = verified();
        attempt(OPERATOR, id, "NO_ANSWER").statusCode(200).body("status", equalTo("VERIFIED")).body("unansweredLeft", equalTo(2))
                .body("attempts", hasSize(1)).body("attempts[0].caller", equalTo("operator-fu"))
                .body("attempts[0].outcome", equalTo("NO_ANSWER")).body("attempts[0].calledAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(OPERATOR).queryParam("limit", 500).get("/events/follow-ups").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.attempts", equalTo(1));
        attempt(STAFF, id, "UNREACHABLE").statusCode(200).body("status", equalTo("VERIFIED")).body("unansweredLeft", equalTo(1));
        attempt(OPERATOR, id, "CALL_BACK_LATER").statusCode(200).body("status", equalTo("CLOSED"))
                .body("followUpOutcome", equalTo("NO_ANSWER")).body("attempts.caller", equalTo(List.of("operator-fu", "street-fu", "operator-fu")))
                .body("attempts.outcome", equalTo(List.of("NO_ANSWER", "UNREACHABLE", "CALL_BACK_LATER")));
        given().auth().oauth2(RESIDENT).get("/events/" + id).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("followUpOutcome", equalTo("NO_ANSWER")).body("satisfaction", nullValue())
                .body("timeline.action[-1]", equalTo("CLOSE_NO_ANSWER")).body("timeline.actor[-1]", equalTo("operator-fu"));
        // closed: no more calls, no rating, and it left the queue
        attempt(OPERATOR, id, "NO_ANSWER").statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"satisfaction\":\"SATISFIED\"}")
                .post("/events/" + id + "/follow-up").then().statusCode(409);
        given().auth().oauth2(OPERATOR).queryParam("limit", 500).get("/events/follow-ups").then().body("findAll { it.id == '" + id + "' }", hasSize(0));

        // announced as closed, without a rating, marked NO_ANSWER
        List<TopicReader.Received> closed = TopicReader.read(bootstrap(), Topics.EVENT_LIFECYCLE,
                r -> id.equals(r.key()) && EventType.EVENT_CLOSED.type().equals(r.event().getType()), 1, Duration.ofSeconds(20));
        JsonNode payload = new ObjectMapper().readTree(closed.get(0).event().getData().toBytes());
        assertEquals("NO_ANSWER", payload.path("followUpOutcome").asText());
        assertEquals("VERIFIED", payload.path("previousStatus").asText());
        assertEquals(true, payload.path("satisfaction").isNull());
    }

    @Test
    void anAnsweredCallIsRecordedWithItsRatingAndAnAttemptMustNameAKnownOutcome() {
        String id = verified();
        attempt(OPERATOR, id, "NO_ANSWER").statusCode(200);
        attempt(OPERATOR, id, "ANSWERED").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("outcome"));
        attempt(OPERATOR, id, "HUNG_UP").statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"note\":\"x\"}")
                .post("/events/" + id + "/follow-up-attempts").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.containsString("outcome"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"satisfaction\":\"SATISFIED\"}")
                .post("/events/" + id + "/follow-up").then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("followUpOutcome", nullValue());
        given().auth().oauth2(OPERATOR).get("/events/" + id + "/follow-up-attempts").then().statusCode(200)
                .body("attempts.outcome", equalTo(List.of("NO_ANSWER", "ANSWERED"))).body("followUpOutcome", nullValue());
    }

    @Test
    void callsAreRecordedOnlyInsideTheCallersJurisdictionAndOnlyWhileVerified() {
        String id = verified();
        attempt(FOREIGN_OPERATOR, id, "NO_ANSWER").statusCode(404);
        given().auth().oauth2(FOREIGN_OPERATOR).get("/events/" + id + "/follow-up-attempts").then().statusCode(404);
        attempt(RESIDENT, id, "NO_ANSWER").statusCode(403);
        attempt(WORKER, id, "NO_ANSWER").statusCode(403);
        given().auth().oauth2(OPERATOR).get("/events/" + id + "/follow-up-attempts").then().statusCode(200).body("attempts", hasSize(0))
                .body("unansweredLeft", equalTo(3));
        // not yet waiting for its follow-up: 409
        String fresh = given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"followup.test\",\"description\":\"未核查\",\"address\":\"回访路x号\"}")
                .post("/events").then().statusCode(201).extract().path("id");
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}")
                .post("/events/" + fresh + "/acceptance").then().statusCode(200);
        attempt(OPERATOR, fresh, "NO_ANSWER").statusCode(409).contentType("application/problem+json");
    }

    @Test
    void afterTheWorkingDaysTheSweepClosesItAsNoAnswerAndTheStatisticsCountItApart() {
        String waiting = verified();
        String rated = verified();
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"satisfaction\":\"SATISFIED\"}")
                .post("/events/" + rated + "/follow-up").then().statusCode(200).body("status", equalTo("CLOSED"));
        // four calendar days later (at most 4 working days): not yet
        sweep.closeExpired(OffsetDateTime.now().plusDays(4));
        given().auth().oauth2(RESIDENT).get("/events/" + waiting).then().body("status", equalTo("VERIFIED"));
        // ten calendar days later: past 5 working days whatever the weekday
        int closed = sweep.closeExpired(OffsetDateTime.now().plusDays(10));
        org.junit.jupiter.api.Assertions.assertTrue(closed >= 1, "closed " + closed);
        given().auth().oauth2(RESIDENT).get("/events/" + waiting).then().body("status", equalTo("CLOSED"))
                .body("followUpOutcome", equalTo("NO_ANSWER")).body("timeline.action[-1]", equalTo("CLOSE_NO_ANSWER"))
                .body("timeline.actor[-1]", equalTo("event-service"));

        java.util.Map<String, Object> row = given().auth().oauth2(STAFF).queryParam("by", "category").queryParam("category", "followup")
                .get("/statistics").then().statusCode(200).body("[0].key", equalTo("followup.test")).extract().path("[0]");
        long noAnswer = ((Number) row.get("followUpNoAnswer")).longValue();
        long closedCases = ((Number) row.get("closed")).longValue();
        org.junit.jupiter.api.Assertions.assertTrue(noAnswer >= 1, "回访未果 counted: " + row);
        // every closed case of the category is either rated SATISFIED (this class rates nothing else) or unanswered:
        // the unanswered ones are not in the satisfaction rate, which stays 1.0
        assertEquals(1.0, ((Number) row.get("satisfactionRate")).doubleValue(), 1e-9, row.toString());
        org.junit.jupiter.api.Assertions.assertTrue(closedCases > noAnswer, row.toString());
    }
}
