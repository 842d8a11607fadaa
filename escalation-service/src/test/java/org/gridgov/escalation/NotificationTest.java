package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Tier;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.escalation.notification.MailAndSmsResource;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;

/**
 * Notifications (#20.1): the handler unit's people and the supervisor are told of a dispatch, a warning and a 督办 by email (a real
 * SMTP server), SMS (a real HTTP gateway) and the live feed (SSE); quiet hours hold email; duplicates are suppressed; every
 * notification is recorded with its outcome.
 */
@QuarkusTest
class NotificationTest {
    static final String GRID = "350182611001001";
    static final String ADMIN = JwtKeys.forTests().token("admin-notify", Set.of("admin"), Map.of());
    static final String STAFF = JwtKeys.forTests().token("street-611", Set.of("street_staff"), Map.of("streets", List.of("350182611")));
    static final String WORKER = JwtKeys.forTests().token("worker-n1", Set.of("grid_worker"), Map.of("grids", List.of(GRID)));
    static final String OTHER_WORKER = JwtKeys.forTests().token("worker-n2", Set.of("grid_worker"), Map.of("grids", List.of(GRID)));
    static final String SUPERVISOR = JwtKeys.forTests().token("sup-n1", Set.of("supervisor"), Map.of("streets", List.of("350182611")));

    @TestHTTPResource("/notifications/stream")
    URL stream;

    static List<MimeMessage> mailTo(String address, String subjectPart) throws Exception {
        return Arrays.stream(MailAndSmsResource.mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address) && m.getSubject().contains(subjectPart);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static List<Map<String, Object>> tasks(String eventId) {
        return given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200).extract().path("$");
    }

    @Test
    void theUnitsPeopleAndTheSupervisorAreToldOnTheirChannelsOnceOutsideQuietHoursAndEveryNotificationIsRecorded() throws Exception {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\":\"张网格\",\"channels\":[\"EMAIL\"]}")
                .put("/admin/notification-people/worker-n1").then().statusCode(400).body("errors[0].field", equalTo("email"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\":\"张网格\",\"units\":[\"NOWHERE\"]}")
                .put("/admin/notification-people/worker-n1").then().statusCode(400).body("errors[0].field", equalTo("units[0]"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "张网格", "email", "zhang@example.cn",
                "phone", "13800000001", "channels", List.of("EMAIL", "SMS", "FEED"), "units", List.of("GRID:" + GRID)))
                .put("/admin/notification-people/worker-n1").then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "王网格", "phone", "13800000002",
                "channels", List.of("SMS"), "units", List.of("GRID:" + GRID))).put("/admin/notification-people/worker-n2").then().statusCode(200);
        // the supervisor is in her quiet hours now
        LocalTime now = LocalTime.now(ZoneId.of("Asia/Shanghai")).withSecond(0).withNano(0);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "李督查", "email", "li@example.cn",
                "channels", List.of("EMAIL"), "quietFrom", now.minusHours(1).toString(), "quietTo", now.plusHours(1).toString(),
                "supervises", List.of("350182611"))).put("/admin/notification-people/sup-n1").then().statusCode(200);
        given().auth().oauth2(WORKER).put("/admin/notification-people/worker-n1").then().statusCode(403);

        // the worker's console listens to her live feed
        List<String> feed = new CopyOnWriteArrayList<>();
        AtomicBoolean open = new AtomicBoolean();
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(stream.toURI()).header("Authorization", "Bearer " + WORKER)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                    open.set(r.statusCode() == 200);
                    r.body().forEach(feed::add);
                });
        await().atMost(Duration.ofSeconds(10)).untilTrue(open);

        String eventId = SlaClockTest.report("environment.garbage", GRID);
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(eventId).size() == 1);
        Map<String, Object> task = tasks(eventId).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("zhang@example.cn", "新任务").stream().anyMatch(m -> body(m).contains(eventId)));
        await().atMost(Duration.ofSeconds(20)).until(() -> MailAndSmsResource.SMS.stream().anyMatch(s -> s.contains("13800000001") && s.contains(eventId)));
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.stream().anyMatch(l -> l.startsWith("data:") && l.contains(eventId)));
        given().auth().oauth2(WORKER).get("/notifications").then().statusCode(200)
                .body("findAll { it.eventId == '" + eventId + "' && it.kind == 'DISPATCHED' }.channel.sort()", equalTo(List.of("EMAIL", "FEED", "SMS")))
                .body("findAll { it.eventId == '" + eventId + "' && it.kind == 'DISPATCHED' }.status", equalTo(List.of("SENT", "SENT", "SENT")));
        // the gateway refuses the other worker's number: recorded as failed after the attempts, and only she sees it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(OTHER_WORKER).get("/notifications").then()
                .body("find { it.eventId == '" + eventId + "' }.status", equalTo("FAILED"))
                .body("find { it.eventId == '" + eventId + "' }.attempts", equalTo(3))
                .body("find { it.eventId == '" + eventId + "' }.error", equalTo("SMS gateway answered 500")));
        given().auth().oauth2(OTHER_WORKER).get("/notifications").then().body("personId", org.hamcrest.Matchers.everyItem(equalTo("worker-n2")));

        // a warning, delivered twice on Kafka (as after a redelivery with a new id): told once
        String warning = Messages.json(new TaskDeadlineV1(UUID.fromString((String) task.get("id")), UUID.fromString(eventId),
                "GRID:" + GRID, Tier.GRID, OffsetDateTime.parse((String) task.get("dispatchedAt")),
                OffsetDateTime.parse((String) task.get("deadline")), OffsetDateTime.now(), null));
        for (int i = 0; i < 2; i++) {
            TopicWriter.send(DepartmentRoundTripTest.bootstrap(), Topics.ESCALATION_TASKS, eventId, TopicWriter.event(null,
                    "/gridgov/escalation-service", EventType.TASK_WARNING.type(), eventId, warning));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("zhang@example.cn", "预警").stream().anyMatch(m -> body(m).contains(eventId)));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertEquals(1, mailTo("zhang@example.cn", "预警").stream().filter(m -> body(m).contains(eventId)).count(), "the same warning once");
        // the supervisor's warning waits for the end of her quiet hours
        given().auth().oauth2(ADMIN).get("/admin/notification-people/sup-n1/notifications").then().statusCode(200)
                .body("find { it.eventId == '" + eventId + "' }.kind", equalTo("WARNING"))
                .body("find { it.eventId == '" + eventId + "' }.status", equalTo("PENDING"));
        String notBefore = given().auth().oauth2(ADMIN).get("/admin/notification-people/sup-n1/notifications").then()
                .extract().path("find { it.eventId == '" + eventId + "' }.notBefore");
        assertTrue(OffsetDateTime.parse(notBefore).isAfter(OffsetDateTime.now().plusMinutes(50)), notBefore);
        assertTrue(mailTo("li@example.cn", "预警").isEmpty(), "nothing during quiet hours");

        // 督办 reaches the handler's people
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"note\":\"垃圾已堆放三天，请今日清运\"}")
                .post("/supervision/tasks/" + task.get("id") + "/notices").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("zhang@example.cn", "督办").stream().anyMatch(m -> body(m).contains("请今日清运")));
        given().auth().oauth2(WORKER).get("/notifications").then().body("kind", hasItem("SUPERVISED"));
    }

    static String body(MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (Exception e) {
            return "";
        }
    }
}
