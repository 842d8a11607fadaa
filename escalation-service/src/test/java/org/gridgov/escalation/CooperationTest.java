package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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
import org.gridgov.common.contract.payload.DepartmentReplyV1;
import org.gridgov.escalation.department.WebhookReceiver;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * 联动 (#20.3): a department cooperating on a task the police lead accepts its part, reports progress with evidence and
 * finishes it, over REST, on its Kafka reply topic and on the signed webhook reply endpoint; the lead resolves only when
 * the part is done or says why not; another department sees and does nothing, and the cooperating one acts only on its part.
 */
@QuarkusTest
class CooperationTest {
    static final String STAFF = JwtKeys.forTests().token("street-coop", Set.of("street_staff"),
            Map.of("streets", List.of("350182801", "350182802", "350182803")));
    static final String URBAN = JwtKeys.forTests().token("urban-1", Set.of("dept_handler"), Map.of("dept", "urban-management"));
    static final String POLICE = JwtKeys.forTests().token("police-1", Set.of("dept_handler"), Map.of("dept", "police"));
    static final String MARKET = JwtKeys.forTests().token("market-1", Set.of("dept_handler"), Map.of("dept", "market"));
    static final String ADMIN = JwtKeys.forTests().token("admin-coop", Set.of("admin"), Map.of());
    static final String SHA = "e".repeat(64);

    /** an event of public order at the street, where the police lead and urban-management cooperates; the open task's id */
    static String policeTask(String grid) {
        String reported = SlaClockTest.report("public-order.noise", grid);
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(reported).size() == 1);
        String t = (String) tasks(reported).get(0).get("id");
        for (int i = 0; i < 2; i++) {
            t = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"上报\"}").post("/tasks/" + t + "/escalation")
                    .then().statusCode(200).extract().path("id");
        }
        given().auth().oauth2(STAFF).get("/tasks/" + t).then().body("handlerUnit", equalTo("DEPT:police"))
                .body("cooperating", equalTo(List.of("DEPT:urban-management")));
        events.put(t, reported);
        return t;
    }

    static final Map<String, String> events = new java.util.concurrent.ConcurrentHashMap<>();

    static List<Map<String, Object>> tasks(String eventId) {
        return given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200).extract().path("$");
    }

    static String part(String evidenceUrl, String note) {
        return "{\"note\":\"" + note + "\",\"evidenceFiles\":[{\"url\":\"" + evidenceUrl + "\",\"contentType\":\"image/jpeg\",\"size\":2048,"
                + "\"sha256\":\"" + SHA + "\"}]}";
    }

    static List<String> facts(String eventId, int count) {
        return TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.ESCALATION_TASKS, r -> eventId.equals(r.key())
                && !r.event().getType().equals(EventType.TASK_DISPATCHED.type()), count, Duration.ofSeconds(20)).stream()
                .map(r -> r.event().getType()).toList();
    }

    static List<String> deadLetters(String eventId, int count) {
        return TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.deadLetter("escalation-service.department-replies"),
                r -> eventId.equals(r.key()), count, Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.record().headers().lastHeader("dlt_reason").value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aCooperatingDepartmentActsOnItsPartOverRestAndTheLeadResolvesOnlyWhenItIsDone() {
        String task = policeTask("350182801001001");
        String eventId = events.get(task);
        // the cooperating department reads the task, in the list too, with its part
        given().auth().oauth2(URBAN).get("/tasks/" + task).then().statusCode(200).body("parts[0].unit", equalTo("DEPT:urban-management"))
                .body("parts[0].status", equalTo("OPEN"));
        given().auth().oauth2(URBAN).queryParam("limit", 1000).get("/tasks").then().statusCode(200).body("id", hasItem(task));
        given().auth().oauth2(URBAN).get("/tasks/" + task + "/parts").then().statusCode(200).body("status", equalTo(List.of("OPEN")));
        // another department sees nothing of it
        given().auth().oauth2(MARKET).get("/tasks/" + task).then().statusCode(404);
        given().auth().oauth2(MARKET).queryParam("limit", 1000).get("/tasks").then().statusCode(200).body("id", not(hasItem(task)));
        given().auth().oauth2(MARKET).get("/tasks/" + task + "/parts").then().statusCode(404);
        for (String dept : List.of("market", "urban-management")) {
            given().auth().oauth2(MARKET).contentType(ContentType.JSON).body("{}").post("/tasks/" + task + "/parts/" + dept + "/acceptance")
                    .then().statusCode(404).contentType("application/problem+json");
        }
        // the lead does not act on the cooperating department's part, nor the cooperating department on the lead's task
        given().auth().oauth2(POLICE).contentType(ContentType.JSON).body("{}").post("/tasks/" + task + "/parts/urban-management/acceptance")
                .then().statusCode(403);
        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body("{}").post("/tasks/" + task + "/parts/police/acceptance")
                .then().statusCode(403);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{}").post("/tasks/" + task + "/parts/police/acceptance")
                .then().statusCode(404).body("detail", containsString("DEPT:police has no part"));
        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body("{\"note\":\"收到\"}").post("/tasks/" + task + "/acceptance")
                .then().statusCode(403);
        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body("{\"reason\":\"不归我们\"}").post("/tasks/" + task + "/return")
                .then().statusCode(403);
        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body("{\"reason\":\"上报\"}").post("/tasks/" + task + "/escalation")
                .then().statusCode(403);

        // its part: accepted, progress with evidence (bad evidence named), done once
        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body(part("/evidence/x", "清理中").replace(SHA, "not-hex"))
                .post("/tasks/" + task + "/parts/urban-management/progress").then().statusCode(400)
                .body("errors[0].field", equalTo("evidenceFiles[0].sha256"));
        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body("{\"note\":\"已受理\"}")
                .post("/tasks/" + task + "/parts/urban-management/acceptance").then().statusCode(200).body("status", equalTo("ACCEPTED"));
        String photo = "/evidence/" + UUID.randomUUID();
        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body(part(photo, "清理中"))
                .post("/tasks/" + task + "/parts/urban-management/progress").then().statusCode(200).body("status", equalTo("ACCEPTED"));

        // the lead's resolved reply while the part is open is refused, naming the part
        DepartmentRoundTripTest.reply(EventType.DEPARTMENT_RESOLVED, eventId, "police", "已处理");
        List<String> dead = deadLetters(eventId, 1);
        assertTrue(dead.size() == 1 && dead.get(0).contains("DEPT:urban-management") && dead.get(0).contains("openPartsReason"), dead.toString());
        given().auth().oauth2(URBAN).get("/tasks/" + task).then().body("status", equalTo("OPEN"));

        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body(part(photo, "已清理"))
                .post("/tasks/" + task + "/parts/urban-management/completion").then().statusCode(200).body("status", equalTo("DONE"));
        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body(part(photo, "再次"))
                .post("/tasks/" + task + "/parts/urban-management/completion").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(POLICE).get("/tasks/" + task).then().body("parts[0].status", equalTo("DONE"))
                .body("parts[0].updatedBy", equalTo("urban-1"));
        DepartmentRoundTripTest.reply(EventType.DEPARTMENT_RESOLVED, eventId, "police", "已处理");

        assertEquals(List.of(EventType.COOPERATION_ACCEPTED.type(), EventType.COOPERATION_PROGRESSED.type(), EventType.COOPERATION_DONE.type(),
                EventType.TASK_RESOLVED.type()), facts(eventId, 4));
        List<TopicReader.Received> progressed = TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.ESCALATION_TASKS,
                r -> eventId.equals(r.key()) && r.event().getType().equals(EventType.COOPERATION_PROGRESSED.type()), 1, Duration.ofSeconds(5));
        String data = new String(progressed.get(0).event().getData().toBytes(), StandardCharsets.UTF_8);
        assertTrue(data.contains("\"url\":\"" + photo + "\"") && data.contains("\"unit\":\"DEPT:urban-management\"")
                && data.contains("\"openParts\":[\"DEPT:urban-management\"]") && data.contains("\"actor\":\"urban-1\""), data);
        assertEquals("DEPT:police", progressed.get(0).event().getExtension("handlerunit"));
        // the lead and the cooperating department each get the part's facts on their own topics, another department nothing
        for (String dept : List.of("police", "urban-management")) {
            assertEquals(1, TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.departmentTasks(dept), r -> eventId.equals(r.key())
                    && r.event().getType().equals(EventType.COOPERATION_DONE.type()), 1, Duration.ofSeconds(20)).size(), dept);
        }
        assertTrue(TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.departmentTasks("market"), r -> eventId.equals(r.key()), 1,
                Duration.ofSeconds(2)).isEmpty());
    }

    @Test
    void aCooperatingDepartmentRepliesAboutItsPartOverKafkaAndNeverReturnsTheLeadsTask() {
        String task = policeTask("350182802001001");
        String eventId = events.get(task);
        DepartmentRoundTripTest.reply(EventType.DEPARTMENT_ACCEPTED, eventId, "urban-management", "已受理");
        DepartmentRoundTripTest.reply(EventType.DEPARTMENT_RETURNED, eventId, "urban-management", "不归城管");
        DepartmentRoundTripTest.reply(EventType.DEPARTMENT_PROGRESSED, eventId, "urban-management", "清理中");
        // the lead resolves with the part still open, saying why: accepted, and the reason travels on
        TopicWriter.send(DepartmentRoundTripTest.bootstrap(), Topics.departmentReplies("police"), eventId, Messages.reply("police",
                EventType.DEPARTMENT_RESOLVED, new DepartmentReplyV1(UUID.fromString(eventId), null, null, "已处理", null, null,
                        "城管的清运排在下周，不影响办结")));
        assertEquals(List.of(EventType.COOPERATION_ACCEPTED.type(), EventType.COOPERATION_PROGRESSED.type(), EventType.TASK_RESOLVED.type()),
                facts(eventId, 3));
        List<String> dead = deadLetters(eventId, 1);
        assertTrue(dead.size() == 1 && dead.get(0).contains("does not return it"), dead.toString());
        List<TopicReader.Received> resolved = TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.ESCALATION_TASKS,
                r -> eventId.equals(r.key()) && r.event().getType().equals(EventType.TASK_RESOLVED.type()), 1, Duration.ofSeconds(5));
        String data = new String(resolved.get(0).event().getData().toBytes(), StandardCharsets.UTF_8);
        assertTrue(data.contains("\"openPartsReason\":\"城管的清运排在下周，不影响办结\""), data);
        given().auth().oauth2(URBAN).get("/tasks/" + task).then().body("handlerUnit", equalTo("DEPT:police"))
                .body("parts[0].status", equalTo("ACCEPTED")).body("parts[0].updatedBy", equalTo("DEPT:urban-management"));
    }

    @Test
    void aCooperatingDepartmentOnAWebhookFinishesItsPartOverTheSignedEndpoint() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String secret = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("url", receiver.url("urban-management")))
                    .put("/admin/departments/urban-management/webhook").then().statusCode(200).extract().path("secret");
            try {
                String task = policeTask("350182803001001");
                String eventId = events.get(task);
                DepartmentWebhookTest.post("urban-management", secret, DepartmentWebhookTest.reply(EventType.DEPARTMENT_RESOLVED, eventId, null,
                        "已清理"), DepartmentWebhookTest.now()).statusCode(200).body("handlerUnit", equalTo("DEPT:police"))
                        .body("taskId", equalTo(task));
                DepartmentWebhookTest.post("urban-management", secret, DepartmentWebhookTest.reply(EventType.DEPARTMENT_RETURNED, eventId, null,
                        "不归城管"), DepartmentWebhookTest.now()).statusCode(409).contentType("application/problem+json");
                given().auth().oauth2(URBAN).get("/tasks/" + task).then().body("status", equalTo("OPEN"))
                        .body("parts[0].status", equalTo("DONE"));
                assertEquals(List.of(EventType.COOPERATION_DONE.type()), facts(eventId, 1));
            } finally {
                given().auth().oauth2(ADMIN).delete("/admin/departments/urban-management/webhook").then().statusCode(204);
            }
        }
    }
}
