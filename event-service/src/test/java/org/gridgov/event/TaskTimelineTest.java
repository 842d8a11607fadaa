package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.RESIDENT;
import static org.gridgov.event.EventLifecycleTest.VERIFIER;
import static org.gridgov.event.EventLifecycleTest.WORKER;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * 督办 and the deadline facts on the event's timeline (#20.2): warnings, overdue, supervision notices, extension requests and
 * their decisions arrive from escalation-service on Kafka and keep the status; the clock resuming after rework is no extension.
 */
@QuarkusTest
class TaskTimelineTest {

    static void send(EventType type, String eventId, String json) {
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, eventId, TopicWriter.event(null, "/gridgov/escalation-service", type.type(),
                eventId, json));
    }

    static String deadline(String taskId, String eventId, String deadline, String cause) {
        return ("{\"taskId\":\"%s\",\"eventId\":\"%s\",\"handlerUnit\":\"GRID:x\",\"tier\":\"GRID\",\"dispatchedAt\":\"2026-11-20T00:00:00Z\","
                + "\"deadline\":\"%s\",\"at\":\"%s\",\"cause\":%s}").formatted(taskId, eventId, deadline, OffsetDateTime.now(),
                        cause == null ? "null" : "\"" + cause + "\"");
    }

    static String extension(String taskId, String eventId, String status, String decidedBy, String note) {
        return ("{\"requestId\":\"%s\",\"taskId\":\"%s\",\"eventId\":\"%s\",\"handlerUnit\":\"GRID:x\",\"workingDays\":2,\"reason\":\"需要协调物业\","
                + "\"requestedBy\":\"worker-9\",\"requestedAt\":\"%s\",\"status\":\"%s\",\"decidedBy\":%s,\"decidedAt\":null,\"note\":%s,"
                + "\"deadline\":\"2026-12-20T16:00:00Z\"}").formatted(UUID.randomUUID(), taskId, eventId, OffsetDateTime.now(), status,
                        decidedBy == null ? "null" : "\"" + decidedBy + "\"", note == null ? "null" : "\"" + note + "\"");
    }

    @Test
    void warningsOverdueSupervisionAndExtensionsAreOnTheTimelineAndReworkIsNoExtension() {
        String id = EventLifecycleTest.reportAccepted(RESIDENT, 119.2, 25.2);
        String task = UUID.randomUUID().toString();
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, EventLifecycleTest.dispatch(id, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")));
        send(EventType.TASK_SUPERVISED, id, ("{\"noticeId\":\"%s\",\"taskId\":\"%s\",\"eventId\":\"%s\",\"handlerUnit\":\"GRID:x\",\"tier\":\"GRID\","
                + "\"issuedBy\":\"sup-1\",\"issuedAt\":\"%s\",\"note\":\"请加快处理\",\"deadline\":\"2026-12-10T16:00:00Z\",\"overdue\":false}")
                .formatted(UUID.randomUUID(), task, id, OffsetDateTime.now()));
        send(EventType.TASK_WARNING, id, deadline(task, id, "2026-12-10T16:00:00Z", null));
        send(EventType.TASK_EXTENSION_REQUESTED, id, extension(task, id, "PENDING", null, null));
        send(EventType.TASK_EXTENSION_DECIDED, id, extension(task, id, "REFUSED", "sup-1", "理由不足"));
        send(EventType.TASK_OVERDUE, id, deadline(task, id, "2026-12-10T16:00:00Z", null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id).then()
                .body("status", equalTo("DISPATCHED"))
                .body("timeline.action", equalTo(List.of("REPORT", "ACCEPT", "DISPATCH", "SUPERVISE", "WARN", "REQUEST_EXTENSION",
                        "REFUSE_EXTENSION", "OVERDUE")))
                .body("timeline.find { it.action == 'SUPERVISE' }.actor", equalTo("sup-1"))
                .body("timeline.find { it.action == 'SUPERVISE' }.note", containsString("请加快处理"))
                .body("timeline.find { it.action == 'REQUEST_EXTENSION' }.note", containsString("需要协调物业"))
                .body("timeline.find { it.action == 'REFUSE_EXTENSION' }.note", containsString("理由不足")));

        // resolved, then rework: the clock runs again with the stopped time added, which is not an extension
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"done\"}").post("/events/" + id + "/resolution").then()
                .statusCode(200);
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":false,\"note\":\"还有垃圾\"}")
                .post("/events/" + id + "/verification").then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        send(EventType.TASK_DEADLINE_CHANGED, id, deadline(task, id, "2026-12-12T16:00:00Z", "REWORK"));
        send(EventType.TASK_EXTENSION_DECIDED, id, extension(task, id, "APPROVED", "sup-1", "同意"));
        send(EventType.TASK_DEADLINE_CHANGED, id, deadline(task, id, "2026-12-20T16:00:00Z", "EXTENSION"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id).then()
                .body("status", equalTo("IN_PROGRESS"))
                .body("deadline", equalTo("2026-12-20T16:00:00Z"))
                .body("timeline.action", equalTo(List.of("REPORT", "ACCEPT", "DISPATCH", "SUPERVISE", "WARN", "REQUEST_EXTENSION",
                        "REFUSE_EXTENSION", "OVERDUE", "RESOLVE", "REWORK", "RESUME_CLOCK", "APPROVE_EXTENSION", "EXTEND"))));
    }
}
