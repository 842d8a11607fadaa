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
import java.util.Set;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** 督办 that reaches people (#20.2): before the deadline too, as a CloudEvent to the suite and to the handler's own topic; extensions announced. */
@QuarkusTest
class SupervisionTest {
    static final String STAFF = JwtKeys.forTests().token("street-8", Set.of("street_staff"),
            Map.of("streets", List.of("350182801", "350182802")));
    static final String SUPERVISOR = JwtKeys.forTests().token("sup-8", Set.of("supervisor"), Map.of("streets", List.of("350182801", "350182802")));
    static final String OTHER_SUPERVISOR = JwtKeys.forTests().token("sup-9", Set.of("supervisor"), Map.of("streets", List.of("350182901")));

    static List<Map<String, Object>> tasks(String eventId) {
        return given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200).extract().path("$");
    }

    static String data(TopicReader.Received r) {
        return new String(r.event().getData().toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aNoticeBeforeTheDeadlineIsACloudEventForTheSuiteAndTheHandlersDepartment() {
        String eventId = SlaClockTest.report("public-order.noise", "350182801001001");
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(eventId).size() == 1);
        String grid = (String) tasks(eventId).get(0).get("id");
        // before the deadline (today it is allowed only on overdue tasks)
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"note\":\"请加快处理，居民反映强烈\"}")
                .post("/supervision/tasks/" + grid + "/notices").then().statusCode(201).body("overdue", equalTo(false))
                .body("handlerUnit", equalTo("GRID:350182801001001"));
        given().auth().oauth2(OTHER_SUPERVISOR).contentType(ContentType.JSON).body("{\"note\":\"x\"}")
                .post("/supervision/tasks/" + grid + "/notices").then().statusCode(404);
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"note\":\" \"}")
                .post("/supervision/tasks/" + grid + "/notices").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.containsString("note"));
        List<TopicReader.Received> notices = TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.ESCALATION_TASKS,
                r -> eventId.equals(r.key()) && EventType.TASK_SUPERVISED.type().equals(r.event().getType()), 1, Duration.ofSeconds(20));
        assertEquals(1, notices.size());
        assertEquals("GRID:350182801001001", notices.get(0).event().getExtension("handlerunit"));
        assertTrue(data(notices.get(0)).contains("请加快处理") && data(notices.get(0)).contains("\"issuedBy\":\"sup-8\""), data(notices.get(0)));

        // up to the police, who get the notice on their own topic; a task no longer open takes none
        String street = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"上报\"}")
                .post("/tasks/" + grid + "/escalation").then().statusCode(200).extract().path("id");
        String police = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"上报\"}")
                .post("/tasks/" + street + "/escalation").then().statusCode(200).body("handlerUnit", equalTo("DEPT:police")).extract().path("id");
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"note\":\"请公安尽快出警\"}")
                .post("/supervision/tasks/" + grid + "/notices").then().statusCode(409);
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"note\":\"请公安尽快出警\"}")
                .post("/supervision/tasks/" + police + "/notices").then().statusCode(201);
        List<TopicReader.Received> policeNotices = TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.departmentTasks("police"),
                r -> eventId.equals(r.key()) && EventType.TASK_SUPERVISED.type().equals(r.event().getType()), 1, Duration.ofSeconds(20));
        assertEquals(1, policeNotices.size());
        assertTrue(data(policeNotices.get(0)).contains("请公安尽快出警"), data(policeNotices.get(0)));
        given().auth().oauth2(SUPERVISOR).get("/supervision/tasks/" + police + "/notices").then().statusCode(200)
                .body("note", equalTo(List.of("请公安尽快出警"))).body("[0].handlerUnit", equalTo("DEPT:police"));

        // 延期: the request and both decisions are announced; an approval moves the deadline as an extension
        String refused = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"workingDays\":2,\"reason\":\"需要检测\"}")
                .post("/tasks/" + police + "/extension-requests").then().statusCode(200).extract().path("id");
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"approved\":false,\"note\":\"理由不足\"}")
                .post("/tasks/" + police + "/extension-requests/" + refused + "/decision").then().statusCode(200);
        String approved = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"workingDays\":2,\"reason\":\"需要检测\"}")
                .post("/tasks/" + police + "/extension-requests").then().statusCode(200).extract().path("id");
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"approved\":true}")
                .post("/tasks/" + police + "/extension-requests/" + approved + "/decision").then().statusCode(200);
        List<TopicReader.Received> extensions = TopicReader.read(DepartmentRoundTripTest.bootstrap(), Topics.ESCALATION_TASKS,
                r -> eventId.equals(r.key()) && (r.event().getType().contains("extension") || r.event().getType().contains("deadline-changed")),
                5, Duration.ofSeconds(20));
        assertEquals(List.of(EventType.TASK_EXTENSION_REQUESTED.type(), EventType.TASK_EXTENSION_DECIDED.type(),
                EventType.TASK_EXTENSION_REQUESTED.type(), EventType.TASK_EXTENSION_DECIDED.type(), EventType.TASK_DEADLINE_CHANGED.type()),
                extensions.stream().map(r -> r.event().getType()).toList());
        assertTrue(data(extensions.get(1)).contains("\"status\":\"REFUSED\"") && data(extensions.get(1)).contains("理由不足"),
                data(extensions.get(1)));
        assertTrue(data(extensions.get(3)).contains("\"status\":\"APPROVED\""), data(extensions.get(3)));
        assertTrue(data(extensions.get(4)).contains("\"cause\":\"EXTENSION\""), data(extensions.get(4)));
    }
}
