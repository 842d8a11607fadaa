package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.escalation.department.WebhookReceiver;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Departments without Kafka (#19.3): task facts as signed CloudEvents over HTTP to a real receiver, retried, dead-lettered and
 * redriven; replies over the signed REST endpoint, with the Kafka reply's checks.
 */
@QuarkusTest
class DepartmentWebhookTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-hooks", Set.of("admin"), Map.of());
    static final String STAFF = JwtKeys.forTests().token("street-7", Set.of("street_staff"),
            Map.of("streets", List.of("350182701", "350182702", "350182703", "350182704", "350182705")));
    static final ObjectMapper JSON = new ObjectMapper();
    static WebhookReceiver receiver;

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @BeforeAll
    static void receiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    /** configures the department's webhook with a generated secret, which the receiver then knows */
    static String onWebhook(String department) {
        String secret = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("url", receiver.url(department)))
                .put("/admin/departments/" + department + "/webhook").then().statusCode(200)
                .body("url", equalTo(receiver.url(department))).extract().path("secret");
        receiver.secret(department, secret);
        return secret;
    }

    static List<Map<String, Object>> tasks(String eventId) {
        return given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200).extract().path("$");
    }

    /** an event of the category, escalated up to the street, where the rules give it to a department */
    static String atTheDepartment(String category, String grid, String department) {
        String eventId = SlaClockTest.report(category, grid);
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(eventId).size() == 1);
        String t = (String) tasks(eventId).get(0).get("id");
        t = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"上报\"}").post("/tasks/" + t + "/escalation")
                .then().statusCode(200).extract().path("id");
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"上报\"}").post("/tasks/" + t + "/escalation")
                .then().statusCode(200).body("handlerUnit", equalTo("DEPT:" + department));
        return eventId;
    }

    static List<WebhookReceiver.Request> dispatches(String department, String eventId) {
        return receiver.of(department, eventId).stream().filter(r -> r.body().contains(EventType.TASK_DISPATCHED.type())).toList();
    }

    static String reply(EventType type, String eventId, String departmentCode, String note) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/dept-system\",\"type\":\"" + type.type()
                + "\",\"datacontenttype\":\"application/json\",\"data\":{\"eventId\":\"" + eventId + "\""
                + (departmentCode == null ? "" : ",\"departmentCode\":\"" + departmentCode + "\"") + ",\"note\":\"" + note + "\"}}";
    }

    static ValidatableResponse post(String department, String secret, String body, long timestamp) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(timestamp);
        return given().contentType("application/cloudevents+json").header("X-Gridgov-Timestamp", ts)
                .header("X-Gridgov-Signature", WebhookReceiver.sign(secret, ts, bytes)).body(bytes)
                .post("/departments/" + department + "/replies").then();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void aDepartmentOnAWebhookGetsItsTasksAsSignedCloudEventsAndNoLongerOnKafka() throws Exception {
        onWebhook("housing");
        String eventId = atTheDepartment("housing.leak", "350182701001001", "housing");
        await().atMost(Duration.ofSeconds(20)).until(() -> !dispatches("housing", eventId).isEmpty());
        WebhookReceiver.Request r = dispatches("housing", eventId).get(0);
        assertTrue(r.signatureValid(), "the receiver verified the signature: " + r.headers());
        assertEquals(204, r.answered());
        assertTrue(r.headers().get("content-type").startsWith("application/cloudevents+json"), r.headers().toString());
        JsonNode ce = JSON.readTree(r.body());
        assertEquals("1.0", ce.path("specversion").asText());
        assertEquals(EventType.TASK_DISPATCHED.type(), ce.path("type").asText());
        assertEquals(r.headers().get("x-gridgov-delivery"), ce.path("id").asText());
        assertEquals("DEPT:housing", ce.path("handlerunit").asText());
        assertEquals(eventId, ce.path("subject").asText());
        assertEquals("DEPT:housing", ce.path("data").path("handlerUnit").asText(), "data is the payload as JSON, not base64");
        assertTrue(TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.departmentTasks("housing"), m -> eventId.equals(m.key()), 1,
                Duration.ofSeconds(3)).isEmpty(), "a department on a webhook gets nothing on its Kafka topic");
        given().auth().oauth2(ADMIN).queryParam("department", "housing").get("/admin/departments/webhook-deliveries").then()
                .statusCode(200).body("find { it.eventId == '" + eventId + "' }.status", equalTo("DELIVERED"));
        // the secret is shown once; bad settings are named
        given().auth().oauth2(ADMIN).get("/admin/departments/housing/webhook").then().statusCode(200).body("secret", equalTo(null));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"url\":\"ftp://x\"}").put("/admin/departments/housing/webhook")
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"url\":\"https://x.example/h\",\"secret\":\"short\"}")
                .put("/admin/departments/housing/webhook").then().statusCode(400).body("errors[0].field", equalTo("secret"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"url\":\"https://x.example/h\"}")
                .put("/admin/departments/nasa/webhook").then().statusCode(404);
    }

    @Test
    void aReceiverFailingTwiceGetsTheFactOnceOnTheThirdAttempt() {
        onWebhook("market");
        receiver.fail("market", 2);
        String eventId = atTheDepartment("market.price", "350182702001001", "market");
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatches("market", eventId).stream().anyMatch(r -> r.answered() == 204));
        List<WebhookReceiver.Request> tries = dispatches("market", eventId);
        assertEquals(List.of(500, 500, 204), tries.stream().map(WebhookReceiver.Request::answered).toList());
        assertEquals(1, tries.stream().map(r -> r.headers().get("x-gridgov-delivery")).distinct().count(), "one delivery, tried three times");
        given().auth().oauth2(ADMIN).queryParam("department", "market").get("/admin/departments/webhook-deliveries").then()
                .body("find { it.eventId == '" + eventId + "' }.status", equalTo("DELIVERED"))
                .body("find { it.eventId == '" + eventId + "' }.attempts", equalTo(3));
        // nothing more comes
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> dispatches("market", eventId).size() == 3);
    }

    /**
     * The sender claims a delivery in a short transaction, sends outside it and records the outcome in another: while a
     * department's server hangs, no database row stays locked, and the claimed row carries a lease (its next attempt
     * after the time a POST may take), so that a replica that dies mid-send leaves it to be sent again.
     */
    @Test
    void aDepartmentWhoseServerHangsHoldsNoDatabaseLock() throws Exception {
        onWebhook("housing");
        java.util.concurrent.CountDownLatch hang = receiver.hang("housing");
        String eventId = atTheDepartment("housing.leak", "350182704001001", "housing");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.waiting.stream().anyMatch(b -> b.contains(eventId)));
            Object[] row = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> (Object[]) em
                    .createNativeQuery("select status, attempts, next_attempt_at > now() + interval '10 seconds' from webhook_delivery "
                            + "where message_key = :k and ce_type = :t for update nowait")
                    .setParameter("k", eventId).setParameter("t", EventType.TASK_DISPATCHED.type()).getSingleResult());
            assertEquals("PENDING", row[0], "still pending while the POST waits");
            assertEquals(0, ((Number) row[1]).intValue());
            assertEquals(Boolean.TRUE, row[2], "leased past the time a POST may take");
        } finally {
            hang.countDown();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ADMIN).queryParam("department", "housing")
                .get("/admin/departments/webhook-deliveries").then()
                .body("find { it.eventId == '" + eventId + "' && it.type == '" + EventType.TASK_DISPATCHED.type() + "' }.status",
                        equalTo("DELIVERED")));
        assertEquals(1, dispatches("housing", eventId).size(), "sent once");
    }

    @Test
    void aReceiverAlwaysFailingIsDeadLetteredVisibleToAdminsAndRedriven() {
        onWebhook("sanitation");
        receiver.fail("sanitation", -1);
        String eventId = atTheDepartment("environment.litter", "350182703001001", "sanitation");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).queryParam("department", "sanitation")
                .queryParam("status", "DEAD").get("/admin/departments/webhook-deliveries").then().statusCode(200)
                .body("find { it.eventId == '" + eventId + "' }.attempts", equalTo(4))
                .body("find { it.eventId == '" + eventId + "' }.lastStatus", equalTo(500))
                .body("find { it.eventId == '" + eventId + "' }.lastError", equalTo("HTTP 500")));
        assertEquals(4, dispatches("sanitation", eventId).size(), "max-attempts in the tests is 4");
        given().auth().oauth2(STAFF).queryParam("status", "DEAD").get("/admin/departments/webhook-deliveries").then().statusCode(403);
        // the endpoint is fixed; the admin redrives the department's dead letters
        receiver.fail("sanitation", 0);
        given().auth().oauth2(ADMIN).post("/admin/departments/sanitation/webhook-deliveries/redrive").then().statusCode(200)
                .body("deliveries", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatches("sanitation", eventId).stream().anyMatch(r -> r.answered() == 204));
        given().auth().oauth2(ADMIN).queryParam("department", "sanitation").get("/admin/departments/webhook-deliveries").then()
                .body("find { it.eventId == '" + eventId + "' }.status", equalTo("DELIVERED"));
    }

    @Test
    void aSignedReplyOverRestMovesTheTaskOnceAndUnsignedOrReplayedOnesAreRefused() {
        String secret = onWebhook("housing");
        String eventId = atTheDepartment("housing.crack", "350182704001001", "housing");
        String accepted = reply(EventType.DEPARTMENT_ACCEPTED, eventId, "housing", "已受理");
        given().contentType("application/cloudevents+json").body(accepted).post("/departments/housing/replies").then().statusCode(401)
                .contentType("application/problem+json");
        post("housing", "x".repeat(64), accepted, now()).statusCode(401);
        post("housing", secret, accepted, now() - 3600).statusCode(401);
        post("housing", secret, "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/d\",\"type\":\"org.gridgov.department.danced.v1\","
                + "\"data\":{\"eventId\":\"" + eventId + "\"}}", now()).statusCode(400).body("errors[0].field", equalTo("type"));
        post("housing", secret, reply(EventType.DEPARTMENT_PROGRESSED, eventId, null, "x".repeat(2001)), now()).statusCode(400)
                .body("errors[0].field", equalTo("note"));
        post("housing", secret, accepted, now()).statusCode(200).body("duplicate", equalTo(false))
                .body("handlerUnit", equalTo("DEPT:housing"));
        post("housing", secret, accepted, now()).statusCode(200).body("duplicate", equalTo(true));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId)
                .then().body("find { it.status == 'OPEN' }.acceptedAt", notNullValue()));
        assertEquals(1, TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.ESCALATION_TASKS, r -> eventId.equals(r.key())
                && r.event().getType().equals(EventType.TASK_ACCEPTED.type()), 2, Duration.ofSeconds(5)).size(), "applied once");
        // 退回 over REST: the task moves on to the street office
        post("housing", secret, reply(EventType.DEPARTMENT_RETURNED, eventId, null, "非住建职责"), now()).statusCode(200)
                .body("handlerUnit", equalTo("STREET:350182704"));
    }

    @Test
    void aDepartmentCannotReplyForAnotherDepartmentsTask() {
        String housing = onWebhook("housing");
        String market = onWebhook("market");
        String eventId = atTheDepartment("housing.leak", "350182705001001", "housing");
        // market, signing with its own secret, about housing's task
        post("market", market, reply(EventType.DEPARTMENT_RESOLVED, eventId, null, "not ours"), now()).statusCode(404);
        post("market", market, reply(EventType.DEPARTMENT_RESOLVED, eventId, "housing", "forged"), now()).statusCode(403);
        // market's signature on housing's address
        post("housing", market, reply(EventType.DEPARTMENT_RESOLVED, eventId, null, "forged"), now()).statusCode(401);
        given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then()
                .body("find { it.status == 'OPEN' }.handlerUnit", equalTo("DEPT:housing"))
                .body("find { it.status == 'OPEN' }.acceptedAt", equalTo(null));
        post("housing", housing, reply(EventType.DEPARTMENT_ACCEPTED, eventId, null, "收到"), now()).statusCode(200);
    }
}
