package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The resident who reported is told (#20.1): taken on, handled and waiting for her call, closed — on her feed, or on
 * her own channels once registered; each fact once, however often it is delivered; never for a hotline caller's
 * report (the hotline calls back), never old news, and never to another resident.
 */
@QuarkusTest
class ResidentNoticeTest {
    static final String GRID = "350182612001001";
    static final String ADMIN = JwtKeys.forTests().token("admin-residents", Set.of("admin"), Map.of());

    @Inject
    ObjectMapper json;

    static String resident(String id) {
        return JwtKeys.forTests().token(id, Set.of("resident"), Map.of());
    }

    EventLifecycleV1 fact(UUID eventId, String status, String channel, String reporter) {
        return new EventLifecycleV1(eventId, status, null, "environment.garbage", channel, 26.0, 119.5, GRID, GRID.substring(0, 12),
                GRID.substring(0, 9), reporter, "operator-1", null, null, null, null, null, OffsetDateTime.now(), null, "NORMAL", null, null,
                "PROMISED", null, null);
    }

    void publish(String ceId, EventType type, EventLifecycleV1 payload, OffsetDateTime time) throws Exception {
        CloudEvent ce = CloudEventBuilder.v1().withId(ceId).withSource(java.net.URI.create("/gridgov/event-service"))
                .withType(type.type()).withSubject(payload.eventId().toString()).withTime(time)
                .withData("application/json", json.writeValueAsBytes(payload)).build();
        TopicWriter.send(DepartmentRoundTripTest.bootstrap(), Topics.EVENT_LIFECYCLE, payload.eventId().toString(), ce);
    }

    static List<Map<String, Object>> mine(String token) {
        return given().auth().oauth2(token).get("/notifications").then().statusCode(200).extract().path("$");
    }

    @Test
    void theReporterHearsOfHerReportOnceAndNobodyElseDoes() throws Exception {
        UUID event = UUID.randomUUID();
        String me = "resident-told-" + event.toString().substring(0, 8);
        String accepted = UUID.randomUUID().toString();
        publish(accepted, EventType.EVENT_ACCEPTED, fact(event, "ACCEPTED", "APP", me), OffsetDateTime.now());
        // delivered again (a consumer restart before its commit): told once
        publish(accepted, EventType.EVENT_ACCEPTED, fact(event, "ACCEPTED", "APP", me), OffsetDateTime.now());
        publish(UUID.randomUUID().toString(), EventType.EVENT_DISPATCHED, fact(event, "DISPATCHED", "APP", me), OffsetDateTime.now());
        publish(UUID.randomUUID().toString(), EventType.EVENT_VERIFIED, fact(event, "VERIFIED", "APP", me), OffsetDateTime.now());
        publish(UUID.randomUUID().toString(), EventType.EVENT_CLOSED, fact(event, "CLOSED", "APP", me), OffsetDateTime.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> mine(resident(me)).size() >= 3);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        List<Map<String, Object>> told = mine(resident(me));
        assertEquals(List.of("REPORT_CLOSED", "REPORT_HANDLED", "REPORT_ACCEPTED"), told.stream().map(n -> n.get("kind")).toList(),
                "newest first, the dispatch not told, the accepted fact once: " + told);
        assertTrue(told.stream().allMatch(n -> "FEED".equals(n.get("channel")) && event.toString().equals(n.get("eventId"))), told.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> mine(resident(me)).stream().allMatch(n -> "SENT".equals(n.get("status"))));
        assertTrue(((String) told.get(2).get("body")).contains("已受理"), told.get(2).toString());
        // another resident sees none of it
        assertEquals(List.of(), mine(resident("resident-other-" + event.toString().substring(0, 8))));
    }

    @Test
    void aRegisteredResidentIsToldOnHerChannelsAHotlineCallerAndOldNewsAreNot() throws Exception {
        UUID event = UUID.randomUUID();
        String me = "resident-mail-" + event.toString().substring(0, 8);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "陈居民", "email", me + "@example.cn",
                "channels", List.of("EMAIL"))).put("/admin/notification-people/" + me).then().statusCode(200);
        publish(UUID.randomUUID().toString(), EventType.EVENT_REJECTED,
                new EventLifecycleV1(event, "REJECTED", "REPORTED", "environment.garbage", "WEB", null, null, GRID, null, null, me,
                        "operator-1", "不属于受理范围", null, null, null, null, OffsetDateTime.now(), null, "NORMAL", null, null, "PROMISED",
                        null, null), OffsetDateTime.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> NotificationTest.mailTo(me + "@example.cn", "未受理").size() == 1);
        String body = String.valueOf(NotificationTest.mailTo(me + "@example.cn", "未受理").get(0).getContent());
        assertTrue(body.contains("不属于受理范围"), body);

        // a fact without a channel (as other services' tests send) is no resident's: nothing told, nothing dead-lettered
        int deadBefore = deadLettered();
        publish(UUID.randomUUID().toString(), EventType.EVENT_CLOSED, fact(UUID.randomUUID(), "CLOSED", null, "someone-" + event),
                OffsetDateTime.now());
        // a hotline caller's report, and a fact of three days ago: nobody is told
        String caller = "caller-" + event.toString().substring(0, 8);
        publish(UUID.randomUUID().toString(), EventType.EVENT_CLOSED, fact(UUID.randomUUID(), "CLOSED", "HOTLINE_12345", caller),
                OffsetDateTime.now());
        String late = "resident-late-" + event.toString().substring(0, 8);
        publish(UUID.randomUUID().toString(), EventType.EVENT_CLOSED, fact(UUID.randomUUID(), "CLOSED", "APP", late),
                OffsetDateTime.now().minusDays(3));
        // a fact published after them reaches its reader, so the consumer has passed both
        String marker = "resident-marker-" + event.toString().substring(0, 8);
        publish(UUID.randomUUID().toString(), EventType.EVENT_CLOSED, fact(UUID.randomUUID(), "CLOSED", "APP", marker), OffsetDateTime.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> mine(resident(marker)).size() == 1);
        assertEquals(List.of(), mine(JwtKeys.forTests().token(caller, Set.of("resident"), Map.of())));
        assertEquals(List.of(), mine(resident(late)));
        assertEquals(deadBefore, deadLettered(), "nothing valid dead-lettered");
    }

    /** what the notifications consumer has dead-lettered since the start */
    static int deadLettered() {
        return given().auth().oauth2(ADMIN).get("/admin/messaging/consumers").then().statusCode(200).extract()
                .path("find { it.name == 'escalation-service.notifications' }.deadLettered");
    }
}
