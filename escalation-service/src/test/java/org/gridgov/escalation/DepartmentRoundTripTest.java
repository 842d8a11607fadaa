package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.DepartmentReplyV1;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A partner department's round trip over Kafka, returns (退回), the dispatcher queue and extensions (延期). */
@QuarkusTest
class DepartmentRoundTripTest {
    static final String STAFF = JwtKeys.forTests().token("street-3", java.util.Set.of("street_staff"),
            java.util.Map.of("streets", java.util.List.of("350182601", "350182602", "350182603")));
    static final String SUPERVISOR = JwtKeys.forTests().token("sup-2", java.util.Set.of("supervisor"),
            java.util.Map.of("district", java.util.List.of("350182")));

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static List<Map<String, Object>> tasks(String eventId) {
        return given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200).extract().path("$");
    }

    /** An event of public order, escalated up to the street, where the police get it. */
    static String atThePolice(String grid) {
        String eventId = SlaClockTest.report("public-order.noise", grid);
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(eventId).size() == 1);
        String t = (String) tasks(eventId).get(0).get("id");
        t = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"上报\"}").post("/tasks/" + t + "/escalation")
                .then().statusCode(200).extract().path("id");
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"上报\"}").post("/tasks/" + t + "/escalation")
                .then().statusCode(200).body("handlerUnit", equalTo("DEPT:police"));
        return eventId;
    }

    static void reply(EventType type, String eventId, String department, String note) {
        reply(type, eventId, department, department, note);
    }

    /** A reply written on {@code topicOf}'s reply topic, naming {@code department} in its payload. */
    static void reply(EventType type, String eventId, String topicOf, String department, String note) {
        TopicWriter.send(bootstrap(), Topics.departmentReplies(topicOf), eventId, Messages.reply(department, type, new DepartmentReplyV1(
                UUID.fromString(eventId), null, department, note, List.of("https://files.example/p1.jpg"), null)));
    }

    @Test
    void aDepartmentGetsItsOwnTasksOnItsOwnTopicAndNothingElse() {
        String eventId = atThePolice("350182601002001");
        // the suite's topic has the event's whole way up: its first unit, the next tier, the police
        List<TopicReader.Received> all = TopicReader.read(bootstrap(), Topics.ESCALATION_TASKS, r -> eventId.equals(r.key())
                && r.event().getType().equals(EventType.TASK_DISPATCHED.type()), 3, Duration.ofSeconds(20));
        assertEquals(3, all.size());
        assertEquals("DEPT:police", all.get(2).event().getExtension("handlerunit"));
        // the police's topic has only what the police hold
        List<TopicReader.Received> police = TopicReader.read(bootstrap(), Topics.departmentTasks("police"),
                r -> eventId.equals(r.key()), 4, Duration.ofSeconds(5));
        assertEquals(List.of(EventType.TASK_DISPATCHED.type()), police.stream().map(r -> r.event().getType()).toList());
        assertEquals("DEPT:police", police.get(0).event().getExtension("handlerunit"));
        // and what the police do with it comes back on their topic too
        reply(EventType.DEPARTMENT_ACCEPTED, eventId, "police", "已受理");
        assertEquals(1, TopicReader.read(bootstrap(), Topics.departmentTasks("police"), r -> eventId.equals(r.key())
                && r.event().getType().equals(EventType.TASK_ACCEPTED.type()), 1, Duration.ofSeconds(20)).size());
        assertTrue(TopicReader.read(bootstrap(), Topics.departmentTasks("market"), r -> eventId.equals(r.key()), 1,
                Duration.ofSeconds(2)).isEmpty(), "another department never sees the police's task");
    }

    @Test
    void aDepartmentAcceptsProgressesAndResolvesOverKafka() {
        String eventId = atThePolice("350182601001001");
        reply(EventType.DEPARTMENT_ACCEPTED, eventId, "police", "已受理");
        TopicWriter.send(bootstrap(), Topics.departmentReplies("police"), eventId, Messages.reply("police", EventType.DEPARTMENT_PROGRESSED,
                new DepartmentReplyV1(UUID.fromString(eventId), null, null, "已出警", null,
                        Messages.evidence("https://files.example/scene.jpg", 2048, "c".repeat(64)))));
        // urban-management cooperates (联动): the police resolve once its part is done
        reply(EventType.DEPARTMENT_RESOLVED, eventId, "urban-management", "已清理");
        reply(EventType.DEPARTMENT_RESOLVED, eventId, "police", "已处理");
        List<TopicReader.Received> facts = TopicReader.read(bootstrap(), Topics.ESCALATION_TASKS,
                r -> eventId.equals(r.key()) && r.event().getType().startsWith("org.gridgov.escalation.task-")
                        && !r.event().getType().equals(EventType.TASK_DISPATCHED.type()), 3, Duration.ofSeconds(20));
        assertEquals(List.of(EventType.TASK_ACCEPTED.type(), EventType.TASK_PROGRESSED.type(), EventType.TASK_RESOLVED.type()),
                facts.stream().map(r -> r.event().getType()).toList());
        assertEquals("DEPT:police", facts.get(0).event().getExtension("handlerunit"));
        String progressed = new String(facts.get(1).event().getData().toBytes(), StandardCharsets.UTF_8);
        assertTrue(progressed.contains("\"sha256\":\"" + "c".repeat(64) + "\""), progressed);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId)
                .then().body("find { it.status == 'OPEN' }.acceptedAt", org.hamcrest.Matchers.notNullValue()));
    }

    @Test
    void aHandlerOverRestAddsProgressWithEvidenceFilesAndBadOnesAreNamed() {
        String eventId = SlaClockTest.report("public-order.noise", "350182602002001");
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(eventId).size() == 1);
        String first = (String) tasks(eventId).get(0).get("id");
        String street = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"上报\"}")
                .post("/tasks/" + first + "/escalation").then().statusCode(200).extract().path("id");
        String sha = "d".repeat(64);
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"note\":\"现场处置中\",\"evidenceFiles\":[{\"url\":"
                + "\"https://files.example/s.jpg\",\"contentType\":\"image/jpeg\",\"size\":1024,\"sha256\":\"not-hex\"}]}")
                .post("/tasks/" + street + "/progress").then().statusCode(400).body("errors[0].field", equalTo("evidenceFiles[0].sha256"));
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"note\":\"现场处置中\",\"evidenceFiles\":[{\"url\":"
                + "\"https://files.example/s.jpg\",\"contentType\":\"image/jpeg\",\"size\":1024,\"sha256\":\"" + sha + "\"}]}")
                .post("/tasks/" + street + "/progress").then().statusCode(200);
        List<TopicReader.Received> progressed = TopicReader.read(bootstrap(), Topics.ESCALATION_TASKS, r -> eventId.equals(r.key())
                && r.event().getType().equals(EventType.TASK_PROGRESSED.type()), 1, Duration.ofSeconds(20));
        assertEquals(1, progressed.size(), "the refused request published nothing, the accepted one once");
        String data = new String(progressed.get(0).event().getData().toBytes(), StandardCharsets.UTF_8);
        assertTrue(data.contains("\"sha256\":\"" + sha + "\"") && data.contains("\"contentType\":\"image/jpeg\""), data);
    }

    @Test
    void repliesFromUnknownDepartmentsForUnknownEventsOrOfUnknownTypesAreDeadLettered() {
        String eventId = atThePolice("350182602001001");
        reply(EventType.DEPARTMENT_ACCEPTED, eventId, "nasa", "?");
        String stranger = UUID.randomUUID().toString();
        reply(EventType.DEPARTMENT_ACCEPTED, stranger, "police", "?");
        reply(EventType.DEPARTMENT_RESOLVED, eventId, "market", "not ours");
        TopicWriter.send(bootstrap(), Topics.departmentReplies("police"), eventId, Messages.reply("police", "org.gridgov.department.danced.v1",
                new DepartmentReplyV1(UUID.fromString(eventId), null, "police", null, null, null)));
        // market, writing on the police's topic (its ACL would not let it), is still only the police
        reply(EventType.DEPARTMENT_RESOLVED, eventId, "police", "market", "forged");
        TopicWriter.send(bootstrap(), Topics.departmentReplies("police"), eventId, Messages.reply("police", EventType.DEPARTMENT_PROGRESSED,
                new DepartmentReplyV1(UUID.fromString(eventId), null, null, "x", null,
                        Messages.evidence("https://files.example/a.jpg", 10, "not-a-hash"))));
        // this test's replies only: other tests dead-letter replies too
        List<TopicReader.Received> dead = TopicReader.read(bootstrap(), Topics.deadLetter("escalation-service.department-replies"),
                r -> eventId.equals(r.key()) || stranger.equals(r.key()), 6, Duration.ofSeconds(30));
        List<String> reasons = dead.stream().map(r -> new String(r.record().headers().lastHeader("dlt_reason").value(),
                StandardCharsets.UTF_8)).toList();
        assertEquals(6, reasons.size(), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("invalid evidenceFiles[0]: sha256")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("is from department police, not market")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("unknown department nasa")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains(stranger)), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("DEPT:market")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("invalid action")), reasons.toString());
    }

    @Test
    void returnedTasksAreReroutedWithoutTheUnitThenQueuedForADispatcher() {
        String eventId = atThePolice("350182603001001");
        reply(EventType.DEPARTMENT_RETURNED, eventId, "police", "非公安职责");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId)
                .then().body("find { it.status == 'OPEN' }.handlerUnit", equalTo("STREET:350182603"))
                .body("find { it.status == 'OPEN' }.kind", equalTo("REROUTE")));
        String street = given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().extract()
                .path("find { it.status == 'OPEN' }.id");
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{}").post("/tasks/" + street + "/return").then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        String queued = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"不属街道\"}")
                .post("/tasks/" + street + "/return").then().statusCode(200)
                .body("status", equalTo("NEEDS_DISPATCHER")).body("handlerUnit", equalTo("DISPATCHER")).extract().path("id");
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"handlerUnit\":\"DEPT:nasa\"}")
                .post("/tasks/" + queued + "/assignment").then().statusCode(400).body("errors[0].field", equalTo("handlerUnit"));
        String assigned = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"handlerUnit\":\"DEPT:urban-management\"}")
                .post("/tasks/" + queued + "/assignment").then().statusCode(200).body("status", equalTo("OPEN"))
                .body("kind", equalTo("ASSIGNMENT")).extract().path("id");

        // 延期: asked by the handler, decided by a supervisor
        String deadline = given().auth().oauth2(STAFF).get("/tasks/" + assigned).then().extract().path("deadline");
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"workingDays\":0,\"reason\":\"x\"}")
                .post("/tasks/" + assigned + "/extension-requests").then().statusCode(400).body("errors[0].field", equalTo("workingDays"));
        String refused = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"workingDays\":2,\"reason\":\"需要检测\"}")
                .post("/tasks/" + assigned + "/extension-requests").then().statusCode(200).body("status", equalTo("PENDING")).extract().path("id");
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"approved\":true}")
                .post("/tasks/" + assigned + "/extension-requests/" + refused + "/decision").then().statusCode(403);
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"approved\":false,\"note\":\"理由不足\"}")
                .post("/tasks/" + assigned + "/extension-requests/" + refused + "/decision").then().statusCode(200).body("status", equalTo("REFUSED"));
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"approved\":true}")
                .post("/tasks/" + assigned + "/extension-requests/" + refused + "/decision").then().statusCode(409);
        assertEquals(deadline, given().auth().oauth2(STAFF).get("/tasks/" + assigned).then().extract().path("deadline"));
        String approved = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"workingDays\":2,\"reason\":\"需要检测\"}")
                .post("/tasks/" + assigned + "/extension-requests").then().statusCode(200).extract().path("id");
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"approved\":true,\"note\":\"同意\"}")
                .post("/tasks/" + assigned + "/extension-requests/" + approved + "/decision").then().statusCode(200).body("status", equalTo("APPROVED"));
        String moved = given().auth().oauth2(STAFF).get("/tasks/" + assigned).then().extract().path("deadline");
        assertTrue(java.time.OffsetDateTime.parse(moved).isAfter(java.time.OffsetDateTime.parse(deadline).plusDays(1)), deadline + " -> " + moved);
        assertEquals(1, TopicReader.read(bootstrap(), Topics.ESCALATION_TASKS, r -> eventId.equals(r.key())
                && r.event().getType().equals(EventType.TASK_DEADLINE_CHANGED.type()), 1, Duration.ofSeconds(10)).size());
    }
}
