package org.gridgov.systemtest;

import static org.awaitility.Awaitility.await;
import static org.gridgov.systemtest.SystemSuite.as;
import static org.gridgov.systemtest.SystemSuite.token;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.Test;

/**
 * A partner department's own system in the loop: the police read their task from their own topic
 * and resolve it with a photo on their own reply topic once the departments cooperating on it (联动) finished their
 * parts on theirs; the event is resolved with the photo as evidence, and only the cooperating departments got a copy
 * on their own topics.
 */
class DepartmentSystemTest {

    @Test
    void thePoliceGetTheirTaskOnTheirOwnTopicAndResolveItWithEvidence() {
        SystemSuite.get();
        String resident = token("resident-dept", "resident");
        // a category no other system test reports, so this report is nobody's duplicate
        String staff = SystemSuite.streetStaff();
        double[] p = DemoData.GRIDS.get(2).centre();
        String id = as(Service.EVENT, resident).header("Idempotency-Key", "dept-1")
                .body(String.format(Locale.ROOT, "{\"category\":\"public-order.dispute\",\"description\":\"邻里纠纷需调解\","
                        + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},\"address\":\"东山路3号\"}", p[1], p[0]))
                .post("/events").then().statusCode(201).extract().path("id");
        as(Service.EVENT, SystemSuite.operator()).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(Service.ESCALATION, staff).get("/tasks/by-event/" + id)
                .then().statusCode(200).body("find { it.status == 'OPEN' }.handlerUnit", org.hamcrest.Matchers.notNullValue()));
        // the street office escalates (上报) until the police hold it
        for (int i = 0; i < 3; i++) {
            String unit = as(Service.ESCALATION, staff).get("/tasks/by-event/" + id).then().extract().path("find { it.status == 'OPEN' }.handlerUnit");
            if ("DEPT:police".equals(unit)) {
                break;
            }
            String task = as(Service.ESCALATION, staff).get("/tasks/by-event/" + id).then().extract().path("find { it.status == 'OPEN' }.id");
            as(Service.ESCALATION, staff).body("{\"reason\":\"需公安处置\"}").post("/tasks/" + task + "/escalation").then().statusCode(200);
        }
        as(Service.ESCALATION, staff).get("/tasks/by-event/" + id).then().body("find { it.status == 'OPEN' }.handlerUnit", equalTo("DEPT:police"));

        // the police's system reads its own topic
        String kafka = SystemSuite.get().kafkaBootstrap();
        List<TopicReader.Received> task = TopicReader.read(kafka, Topics.departmentTasks("police"),
                r -> id.equals(r.key()) && r.event().getType().equals(EventType.TASK_DISPATCHED.type()), 1, Duration.ofSeconds(30));
        assertEquals(1, task.size(), "the police's task on gridgov.dept.police.task.v1");
        assertEquals("DEPT:police", task.get(0).event().getExtension("handlerunit"));

        // a department cooperating on it (联动) finishes its part on its own reply topic first: the police resolve only then
        String dispatched = new String(task.get(0).event().getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (String other : List.of("market", "housing", "sanitation", "urban-management")) {
            if (dispatched.contains("\"DEPT:" + other + "\"")) {
                TopicWriter.send(kafka, Topics.departmentReplies(other), id, TopicWriter.event(null, "/partner/" + other,
                        EventType.DEPARTMENT_RESOLVED.type(), id, "{\"eventId\":\"" + id + "\",\"note\":\"配合处置完毕\"}"));
                assertEquals(1, TopicReader.read(kafka, Topics.ESCALATION_TASKS, r -> id.equals(r.key())
                        && r.event().getType().equals(EventType.COOPERATION_DONE.type()) && r.event().getData() != null
                        && new String(r.event().getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("\"DEPT:" + other + "\""),
                        1, Duration.ofSeconds(30)).size(), other + " finished its part");
            }
        }

        // and resolves it, with a photo and its checksum, on its own reply topic
        String sha = "e".repeat(64);
        TopicWriter.send(kafka, Topics.departmentReplies("police"), id, TopicWriter.event(null, "/partner/police",
                EventType.DEPARTMENT_RESOLVED.type(), id, ("{\"eventId\":\"%s\",\"note\":\"已责令停工\",\"evidenceFiles\":[{\"url\":"
                        + "\"https://police.example/files/77.jpg\",\"contentType\":\"image/jpeg\",\"size\":48213,\"sha256\":\"%s\"}]}")
                        .formatted(id, sha)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(Service.EVENT, resident).get("/events/" + id).then()
                .statusCode(200).body("status", equalTo("RESOLVED"))
                .body("timeline.find { it.action == 'RESOLVE' }.actor", equalTo("DEPT:police"))
                .body("timeline.find { it.action == 'RESOLVE' }.evidence[0].sha256", equalTo(sha))
                .body("timeline.find { it.action == 'RESOLVE' }.evidence[0].url", equalTo("https://police.example/files/77.jpg")));

        // a department cooperating on the task (联动) got it on its own topic; no other department did
        for (String other : List.of("market", "housing", "sanitation", "urban-management")) {
            boolean cooperates = dispatched.contains("\"DEPT:" + other + "\"");
            boolean saw = !TopicReader.read(kafka, Topics.departmentTasks(other), r -> id.equals(r.key()), 1, Duration.ofSeconds(2)).isEmpty();
            assertEquals(cooperates, saw, other + (cooperates ? " cooperates but did not get the task: " : " saw the police's task: ") + dispatched);
        }
    }
}
