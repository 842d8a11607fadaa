package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.RESIDENT;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Tier;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.CooperationPartV1;
import org.gridgov.common.contract.payload.EvidenceV1;
import org.gridgov.common.contract.payload.TaskActionV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * 联动 (#20.3) on the event: the cooperating department's parts arrive from escalation-service and go on the timeline with
 * their evidence; the cooperating department reads the event but does not resolve it, another department does not see it;
 * the lead resolves only when the parts are done or says why not, and the reason is on the timeline.
 */
@QuarkusTest
class CooperationTimelineTest {
    static final String URBAN = JwtKeys.forTests().token("urban-7", Set.of("dept_handler"), Map.of("dept", "urban-management"));
    static final String POLICE = JwtKeys.forTests().token("police-7", Set.of("dept_handler"), Map.of("dept", "police"));
    static final String MARKET = JwtKeys.forTests().token("market-7", Set.of("dept_handler"), Map.of("dept", "market"));

    /** an accepted event dispatched to the police with urban-management cooperating; the task id */
    static UUID dispatched(String id) {
        UUID task = UUID.randomUUID();
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, Published.fromEscalation(EventType.TASK_DISPATCHED,
                new TaskDispatchedV1(task, UUID.fromString(id), "environment.garbage", null, "DEPT:police", Tier.STREET,
                        "public-order-street@1", "test", OffsetDateTime.now(), OffsetDateTime.now().plusDays(7),
                        List.of("DEPT:urban-management"), null, null)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")));
        return task;
    }

    static CloudEvent part(UUID task, String id, EventType type, String action, String status, String actor, String note,
            List<EvidenceV1> files, List<String> open) {
        return Published.fromEscalation(type, new CooperationPartV1(task, UUID.fromString(id), "DEPT:police", "DEPT:urban-management",
                action, status, actor, note, List.of(), files, OffsetDateTime.now(), open));
    }

    @Test
    void theCooperatingPartsAreOnTheTimelineAndTheLeadResolvesOnlyWhenTheyAreDoneOrSaysWhyNot() {
        String id = EventLifecycleTest.reportAccepted(RESIDENT, 119.3, 25.3);
        UUID task = dispatched(id);
        // the cooperating department reads the event; another department does not see it
        given().auth().oauth2(URBAN).get("/events/" + id).then().statusCode(200).body("description", containsString("垃圾"));
        given().auth().oauth2(MARKET).get("/events/" + id).then().statusCode(404);

        // its photo, uploaded to event-service as the lead's are, backs its progress
        byte[] jpeg = "\u00ff\u00d8\u00ff cooperation photo".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Object> photo = given().auth().oauth2(URBAN).contentType("image/jpeg").body(jpeg).post("/evidence").then()
                .statusCode(201).extract().path("$");
        EvidenceV1 file = new EvidenceV1((String) photo.get("url"), "image/jpeg", ((Number) photo.get("size")).longValue(),
                (String) photo.get("sha256"));
        CloudEvent accepted = part(task, id, EventType.COOPERATION_ACCEPTED, "ACCEPTED", "ACCEPTED", "urban-7", "已受理", List.of(),
                List.of("DEPT:urban-management"));
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, accepted);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, accepted); // delivered twice: recorded once
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, part(task, id, EventType.COOPERATION_PROGRESSED, "PROGRESSED",
                "ACCEPTED", "urban-7", "清运中", List.of(file), List.of("DEPT:urban-management")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(POLICE).get("/events/" + id).then()
                .body("timeline.action", equalTo(List.of("REPORT", "ACCEPT", "DISPATCH", "COOPERATE", "COOPERATE")))
                .body("timeline[3].note", containsString("DEPT:urban-management accepted its part"))
                .body("timeline[4].note", containsString("清运中"))
                .body("timeline[4].evidence.url", equalTo(List.of(photo.get("url"))))
                .body("status", equalTo("DISPATCHED")));

        // the lead cannot resolve while the part is open, unless it says why; the cooperating department never resolves it
        given().auth().oauth2(POLICE).contentType(ContentType.JSON).body("{\"note\":\"已处理\"}").post("/events/" + id + "/resolution").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("DEPT:urban-management (ACCEPTED)"))
                .body("errors[0].field", equalTo("openPartsReason"));
        given().auth().oauth2(URBAN).contentType(ContentType.JSON).body("{\"note\":\"已处理\",\"openPartsReason\":\"x\"}")
                .post("/events/" + id + "/resolution").then().statusCode(403).body("detail", containsString("cooperates"));
        given().auth().oauth2(MARKET).contentType(ContentType.JSON).body("{\"note\":\"已处理\",\"openPartsReason\":\"x\"}")
                .post("/events/" + id + "/resolution").then().statusCode(404);
        given().auth().oauth2(POLICE).contentType(ContentType.JSON).body("{\"note\":\"已处理\",\"openPartsReason\":\"" + "长".repeat(2001) + "\"}")
                .post("/events/" + id + "/resolution").then().statusCode(400).body("errors[0].field", containsString("openPartsReason"));
        given().auth().oauth2(POLICE).contentType(ContentType.JSON).body("{\"note\":\"已处理\",\"openPartsReason\":\"城管清运排在下周，噪声已解决\"}")
                .post("/events/" + id + "/resolution").then().statusCode(200).body("status", equalTo("RESOLVED"))
                .body("timeline.action", equalTo(List.of("REPORT", "ACCEPT", "DISPATCH", "COOPERATE", "COOPERATE", "COOPERATE", "RESOLVE")))
                .body("timeline[5].note", equalTo("resolved with the parts of DEPT:urban-management (ACCEPTED) not done: 城管清运排在下周，噪声已解决"))
                .body("timeline[5].actor", equalTo("police-7"));
    }

    @Test
    void withEveryPartDoneTheLeadResolvesAndAReasonFromEscalationServiceGoesOnTheTimeline() {
        String id = EventLifecycleTest.reportAccepted(RESIDENT, 119.35, 25.35);
        UUID task = dispatched(id);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, part(task, id, EventType.COOPERATION_DONE, "DONE", "DONE",
                "DEPT:urban-management", "已清运", List.of(), List.of()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(URBAN).get("/events/" + id).then()
                .body("timeline.action[-1]", equalTo("COOPERATE")).body("timeline[-1].note", containsString("every part done")));
        given().auth().oauth2(POLICE).contentType(ContentType.JSON).body("{\"note\":\"已处理\"}").post("/events/" + id + "/resolution").then()
                .statusCode(200).body("status", equalTo("RESOLVED"));

        // a department's resolved reply that escalation-service let through with a reason: the reason is on the timeline
        String other = EventLifecycleTest.reportAccepted(RESIDENT, 119.4, 25.4);
        UUID t2 = dispatched(other);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, other, Published.fromEscalation(EventType.TASK_RESOLVED, new TaskActionV1(t2,
                UUID.fromString(other), "DEPT:police", "RESOLVED", "DEPT:police", "已处理", List.of(), OffsetDateTime.now(), List.of(),
                "城管另案处理")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(POLICE).get("/events/" + other).then()
                .body("status", equalTo("RESOLVED"))
                .body("timeline.action", equalTo(List.of("REPORT", "ACCEPT", "DISPATCH", "COOPERATE", "RESOLVE")))
                .body("timeline[3].note", equalTo("resolved with the parts of DEPT:urban-management (OPEN) not done: 城管另案处理")));
    }
}
