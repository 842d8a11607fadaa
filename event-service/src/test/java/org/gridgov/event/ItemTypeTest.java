package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.gridgov.event.EventLifecycleTest.countyWide;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.TaskKind;
import org.gridgov.common.contract.Tier;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Item types (#20.4): 上报件 follows escalation, 即办件 are never late, the statistics count by item type. */
@QuarkusTest
class ItemTypeTest {
    static final String RESIDENT = JwtKeys.forTests().token("resident-it", "resident");
    static final String WORKER = countyWide("worker-it1", "grid_worker");
    static final String VERIFIER = countyWide("worker-it2", "grid_worker");
    static final String OPERATOR = countyWide("operator-it", "operator");
    static final String STAFF = countyWide("street-it", "street_staff");
    static final String ADMIN = JwtKeys.forTests().token("admin-it", "admin");
    static final String OTHER_ADMIN = JwtKeys.forTests().token("admin-it2", "admin");
    static final String SUPERVISOR = countyWide("supervisor-it", "supervisor");
    static final String OTHER_RESIDENT = JwtKeys.forTests().token("resident-it2", "resident");

    @jakarta.inject.Inject
    org.gridgov.event.itemtype.Supplements supplements;
    static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();
    static boolean categoryMade;

    @BeforeEach
    void category() {
        if (categoryMade) {
            return;
        }
        for (String[] c : new String[][] { { "itemtype", "95", null }, { "itemtype.test", "9501", "itemtype" } }) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"kind\":\"EVENT\",\"code\":\"" + c[1] + "\",\"nameZh\":\"件类测试\",\"nameEn\":\"Item type test\""
                            + (c[2] == null ? "" : ",\"parentKey\":\"" + c[2] + "\"") + "}")
                    .put("/categories/" + c[0]).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        categoryMade = true;
    }

    static String accepted() {
        int n = SEQ.getAndIncrement();
        String id = given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"itemtype.test\",\"description\":\"件类 " + n + "\",\"address\":\"件类路" + n + "号\"}")
                .post("/events").then().statusCode(201).body("itemType", equalTo("PROMISED")).extract().path("id");
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}")
                .post("/events/" + id + "/acceptance").then().statusCode(200);
        return id;
    }

    static void dispatch(String id, String unit, Tier tier, String from, TaskKind kind, OffsetDateTime deadline) {
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, Published.fromEscalation(EventType.TASK_DISPATCHED,
                new TaskDispatchedV1(UUID.randomUUID(), UUID.fromString(id), "itemtype.test", null, unit, tier, "test@1", "test",
                        OffsetDateTime.now(), deadline, List.of(), from, kind)));
    }

    @Test
    void anEscalatedItemBecomesReportedUpAndSaysSoOnItsLifecycle() throws Exception {
        String id = accepted();
        dispatch(id, "GRID:x", Tier.GRID, null, TaskKind.DISPATCH, OffsetDateTime.now().plusDays(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")).body("itemType", equalTo("PROMISED")));
        dispatch(id, "COMMUNITY:350182001001", Tier.COMMUNITY, "GRID:x", TaskKind.ESCALATION, OffsetDateTime.now().plusDays(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("handlerUnit", equalTo("COMMUNITY:350182001001")).body("itemType", equalTo("REPORTED_UP"))
                .body("timeline.action[-1]", equalTo("ESCALATE")));
        List<TopicReader.Received> escalated = TopicReader.read(bootstrap(), Topics.EVENT_LIFECYCLE,
                r -> id.equals(r.key()) && EventType.EVENT_ESCALATED.type().equals(r.event().getType()), 1, Duration.ofSeconds(20));
        assertEquals("REPORTED_UP", new ObjectMapper().readTree(escalated.get(0).event().getData().toBytes()).path("itemType").asText());
        // a re-route at the same tier is no escalation: the type stays
        String other = accepted();
        dispatch(other, "DEPT:police", Tier.STREET, null, TaskKind.DISPATCH, OffsetDateTime.now().plusDays(3));
        dispatch(other, "DEPT:market", Tier.STREET, "DEPT:police", TaskKind.REROUTE, OffsetDateTime.now().plusDays(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + other)
                .then().body("handlerUnit", equalTo("DEPT:market")).body("itemType", equalTo("PROMISED")));
    }

    @Test
    void anItemSolvedOnTheSpotIsNeverLateAndTheStatisticsCountByItemType() {
        // 即办件: no deadline, closed at once
        given().auth().oauth2(WORKER).contentType(ContentType.JSON)
                .body("{\"category\":\"itemtype.test\",\"description\":\"当场处理\",\"address\":\"件类路即办\","
                        + "\"solvedOnSpot\":{\"note\":\"已当场处理\",\"evidence\":[" + IntakeTest.photo() + "]}}")
                .post("/events").then().statusCode(201).body("itemType", equalTo("IMMEDIATE")).body("status", equalTo("CLOSED"));
        // 承诺件 resolved after its deadline: late
        String late = accepted();
        dispatch(late, "GRID:x", Tier.GRID, null, TaskKind.DISPATCH, OffsetDateTime.now().minusHours(1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + late)
                .then().body("status", equalTo("DISPATCHED")));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"迟了\"}")
                .post("/events/" + late + "/resolution").then().statusCode(200);
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":true}")
                .post("/events/" + late + "/verification").then().statusCode(200);
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"satisfaction\":\"SATISFIED\"}")
                .post("/events/" + late + "/follow-up").then().statusCode(200).body("status", equalTo("CLOSED"));

        List<Map<String, Object>> rows = given().auth().oauth2(STAFF).queryParam("by", "itemType").queryParam("category", "itemtype")
                .get("/statistics").then().statusCode(200).extract().path("");
        Map<String, Map<String, Object>> byType = new java.util.HashMap<>();
        rows.forEach(r -> byType.put((String) r.get("key"), r));
        assertEquals(1.0, ((Number) byType.get("IMMEDIATE").get("onTimeRate")).doubleValue(), 1e-9, "即办件 are never late: " + rows);
        assertEquals(0.0, ((Number) byType.get("PROMISED").get("onTimeRate")).doubleValue(), 1e-9, "the late one: " + rows);
        given().auth().oauth2(STAFF).queryParam("by", "kind").get("/statistics").then().statusCode(400)
                .body("errors[0].field", equalTo("by"));
    }

    static String dispatched() {
        String id = accepted();
        dispatch(id, "GRID:x", Tier.GRID, null, TaskKind.DISPATCH, OffsetDateTime.now().plusDays(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")));
        return id;
    }

    static io.restassured.response.ValidatableResponse post(String token, String path, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json).post(path).then();
    }

    @Test
    void aSupplementaryItemWaitsForTheReportersMaterialWithinItsLimit() {
        String id = dispatched();
        post(WORKER, "/events/" + id + "/material/request", "{\"missing\":\" \"}").statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.containsString("missing"));
        post(WORKER, "/events/" + id + "/material/request", "{\"missing\":\"现场照片和门牌号\"}").statusCode(200)
                .body("status", equalTo("WAITING_MATERIAL")).body("itemType", equalTo("SUPPLEMENTARY"))
                .body("material.requested", equalTo("现场照片和门牌号")).body("material.dueAt", org.hamcrest.Matchers.notNullValue());
        // while it waits: not asked twice, not resolved
        post(WORKER, "/events/" + id + "/material/request", "{\"missing\":\"again\"}").statusCode(409);
        post(WORKER, "/events/" + id + "/resolution", "{\"note\":\"done\"}").statusCode(409);
        // only its reporter (or an operator of its place) supplies it
        post(OTHER_RESIDENT, "/events/" + id + "/material", "{\"note\":\"x\"}").statusCode(404);
        post(RESIDENT, "/events/" + id + "/material", "{\"note\":\"已补充门牌号: 件类路5号\"}").statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("itemType", equalTo("SUPPLEMENTARY"))
                .body("timeline.action[-2]", equalTo("REQUEST_MATERIAL")).body("timeline.action[-1]", equalTo("SUPPLY_MATERIAL"))
                .body("timeline.actor[-1]", equalTo("resident-it"));
        post(RESIDENT, "/events/" + id + "/material", "{\"note\":\"again\"}").statusCode(409);
        List<String> types = TopicReader.read(bootstrap(), Topics.EVENT_LIFECYCLE, r -> id.equals(r.key())
                && r.event().getType().contains("material"), 2, Duration.ofSeconds(20)).stream().map(r -> r.event().getType()).toList();
        assertEquals(List.of(EventType.EVENT_MATERIAL_REQUESTED.type(), EventType.EVENT_MATERIAL_WAIT_ENDED.type()), types);

        // the limit: past its working days the clock runs again without the material
        String waiting = dispatched();
        post(WORKER, "/events/" + waiting + "/material/request", "{\"missing\":\"身份证明\"}").statusCode(200);
        supplements.limitReached(OffsetDateTime.now().plusDays(2));
        given().auth().oauth2(RESIDENT).get("/events/" + waiting).then().body("status", equalTo("WAITING_MATERIAL"));
        org.junit.jupiter.api.Assertions.assertTrue(supplements.limitReached(OffsetDateTime.now().plusDays(10)) >= 1);
        given().auth().oauth2(RESIDENT).get("/events/" + waiting).then().body("status", equalTo("IN_PROGRESS"))
                .body("timeline.action[-1]", equalTo("MATERIAL_LIMIT_REACHED")).body("timeline.actor[-1]", equalTo("event-service"));
    }

    @Test
    void aParkedItemHasAReasonAReviewDateAndASupervisorsApproval() {
        String id = dispatched();
        String review = java.time.LocalDate.now().plusDays(30).toString();
        post(WORKER, "/events/" + id + "/parking", "{\"reason\":\"需纳入明年旧改\",\"reviewOn\":\"2020-01-01\"}").statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("reviewOn"));
        post(WORKER, "/events/" + id + "/parking", "{\"reason\":\"需纳入明年旧改\",\"reviewOn\":\"" + review + "\"}").statusCode(200)
                .body("status", equalTo("DISPATCHED")).body("parking.reason", equalTo("需纳入明年旧改"))
                .body("parking.reviewOn", equalTo(review)).body("parking.requestedBy", equalTo("worker-it1"))
                .body("parking.approvedBy", org.hamcrest.Matchers.nullValue());
        post(WORKER, "/events/" + id + "/parking", "{\"reason\":\"again\",\"reviewOn\":\"" + review + "\"}").statusCode(409);
        // only a supervisor decides
        post(WORKER, "/events/" + id + "/parking/decision", "{\"approved\":true}").statusCode(403);
        post(SUPERVISOR, "/events/" + id + "/parking/decision", "{\"approved\":true,\"note\":\"同意挂账\"}").statusCode(200)
                .body("status", equalTo("PARKED")).body("itemType", equalTo("PARKED")).body("parking.approvedBy", equalTo("supervisor-it"));
        // parked: nothing is handled until the review takes it out
        post(WORKER, "/events/" + id + "/resolution", "{\"note\":\"done\"}").statusCode(409);
        post(SUPERVISOR, "/events/" + id + "/parking/end", "{\"note\":\"复核: 开始施工\"}").statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("parking", org.hamcrest.Matchers.nullValue())
                .body("timeline.action", org.hamcrest.Matchers.hasItems("REQUEST_PARKING", "PARK", "UNPARK"));
        post(SUPERVISOR, "/events/" + id + "/parking/end", "{}").statusCode(409);
        List<String> types = TopicReader.read(bootstrap(), Topics.EVENT_LIFECYCLE, r -> id.equals(r.key())
                && r.event().getType().contains("park"), 3, Duration.ofSeconds(20)).stream().map(r -> r.event().getType()).toList();
        assertEquals(List.of(EventType.EVENT_PARKING_REQUESTED.type(), EventType.EVENT_PARKED.type(), EventType.EVENT_UNPARKED.type()), types);

        // refused: handled on; whoever asked does not approve
        String other = dispatched();
        post(ADMIN, "/events/" + other + "/parking", "{\"reason\":\"r\",\"reviewOn\":\"" + review + "\"}").statusCode(200);
        post(ADMIN, "/events/" + other + "/parking/decision", "{\"approved\":true}").statusCode(403);
        post(OTHER_ADMIN, "/events/" + other + "/parking/decision", "{\"approved\":false,\"note\":\"先处理\"}").statusCode(200)
                .body("status", equalTo("DISPATCHED")).body("parking", org.hamcrest.Matchers.nullValue())
                .body("timeline.action[-1]", equalTo("REFUSE_PARKING"));
        post(OTHER_ADMIN, "/events/" + other + "/parking/decision", "{\"approved\":true}").statusCode(409);
    }
}
