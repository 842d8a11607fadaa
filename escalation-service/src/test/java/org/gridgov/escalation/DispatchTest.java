package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.escalation.calendar.Calendars;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class DispatchTest {
    static final String STAFF = JwtKeys.forTests().token("street-1", java.util.Set.of("street_staff"),
            java.util.Map.of("streets", java.util.List.of("350182001", "350182301")));

    @Inject
    Calendars calendars;

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static final String GRID = "350182301001001";

    static CloudEvent lifecycle(EventType type, String eventId, String status) {
        return Messages.lifecycle(type, fact(eventId, status));
    }

    /** A garbage report of resident-1 in grid 350182301001001, occurring now. */
    static EventLifecycleV1 fact(String eventId, String status) {
        return Messages.fact(eventId, status, "environment.garbage", GRID, "resident-1", OffsetDateTime.now());
    }

    @Inject
    jakarta.persistence.EntityManager em;

    /** Waits until this service's lifecycle consumer has processed the CloudEvent. */
    void processed(CloudEvent ce) {
        await().atMost(Duration.ofSeconds(20)).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("select count(*) from inbox_message where event_id = ?1 and consumer = 'escalation-service.event-lifecycle'")
                        .setParameter(1, ce.getId()).getSingleResult()).intValue() > 0));
    }

    @Test
    void onlyAcceptedCasesAreDispatchedNotReportsWaitingFor立案NorItemsSolvedOnTheSpot() {
        String waiting = UUID.randomUUID().toString();
        CloudEvent reported = lifecycle(EventType.EVENT_REPORTED, waiting, "REPORTED");
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, waiting, reported);
        CloudEvent locatedWaiting = lifecycle(EventType.EVENT_LOCATED, waiting, "REPORTED");
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, waiting, locatedWaiting);
        String onSpot = UUID.randomUUID().toString();
        CloudEvent solved = Messages.lifecycle(EventType.EVENT_ACCEPTED, Messages.fact(onSpot, "ACCEPTED", "environment.garbage", GRID,
                "resident-1", OffsetDateTime.now(), null, null, null, "IMMEDIATE"));
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, onSpot, solved);
        // a report waiting for 立案 does not concern escalation-service at all: skipped without an inbox row
        processed(locatedWaiting);
        processed(solved);
        given().auth().oauth2(STAFF).get("/tasks/by-event/" + waiting).then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(STAFF).get("/tasks/by-event/" + onSpot).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void anUrgentCategorysHoursAndAShorterCategoryLimitSetTheDeadline() {
        String urgent = UUID.randomUUID().toString();
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, urgent, Messages.lifecycle(EventType.EVENT_ACCEPTED, Messages.fact(urgent,
                "ACCEPTED", "environment.garbage", GRID, "resident-1", OffsetDateTime.now(), "URGENT", null, 2, null)));
        String quick = UUID.randomUUID().toString();
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, quick, Messages.lifecycle(EventType.EVENT_ACCEPTED, Messages.fact(quick,
                "ACCEPTED", "environment.garbage", GRID, "resident-1", OffsetDateTime.now(), null, 1, null, null)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(STAFF)
                .get("/tasks/by-event/" + urgent).then().statusCode(200).body("$", hasSize(1)));
        var task = given().auth().oauth2(STAFF).get("/tasks/by-event/" + urgent).then().extract().jsonPath();
        OffsetDateTime dispatchedAt = OffsetDateTime.parse(task.getString("[0].dispatchedAt"));
        assertEquals(dispatchedAt.plusHours(2).toInstant(), OffsetDateTime.parse(task.getString("[0].deadline")).toInstant());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(STAFF)
                .get("/tasks/by-event/" + quick).then().statusCode(200).body("$", hasSize(1)));
        var q = given().auth().oauth2(STAFF).get("/tasks/by-event/" + quick).then().extract().jsonPath();
        OffsetDateTime at = OffsetDateTime.parse(q.getString("[0].dispatchedAt"));
        assertEquals(calendars.current().deadline(at, 1).toInstant(), OffsetDateTime.parse(q.getString("[0].deadline")).toInstant());
    }

    @Test
    void anAcceptedLocatedEventIsDispatchedToItsGridOnceWithAWorkingDayDeadline() throws Exception {
        String eventId = UUID.randomUUID().toString();
        CloudEvent reported = lifecycle(EventType.EVENT_ACCEPTED, eventId, "ACCEPTED");
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, reported);
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, reported); // redelivery

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(STAFF)
                .get("/tasks/by-event/" + eventId).then().statusCode(200).body("$", hasSize(1))
                .body("[0].handlerUnit", equalTo("GRID:350182301001001")).body("[0].status", equalTo("OPEN"))
                .body("[0].tier", equalTo("GRID")).body("[0].rule", equalTo("default-grid@1")));

        List<TopicReader.Received> tasks = TopicReader.read(bootstrap(), Topics.ESCALATION_TASKS,
                r -> eventId.equals(r.key()), 2, Duration.ofSeconds(5));
        assertEquals(1, tasks.size(), "one dispatch for a redelivered report");
        CloudEvent task = tasks.get(0).event();
        assertEquals(EventType.TASK_DISPATCHED.type(), task.getType());
        assertEquals("GRID:350182301001001", task.getExtension("handlerunit"));
        assertEquals("GRID:350182301001001",
                new String(tasks.get(0).record().headers().lastHeader("ce_handlerunit").value(), StandardCharsets.UTF_8));
        String data = new String(task.getData().toBytes(), StandardCharsets.UTF_8);
        OffsetDateTime dispatched = OffsetDateTime.parse(com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(data).get("dispatchedAt").asText());
        OffsetDateTime deadline = OffsetDateTime.parse(com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(data).get("deadline").asText());
        assertEquals(calendars.current().deadline(dispatched, 1).toInstant(), deadline.toInstant());

        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, lifecycle(EventType.EVENT_RESOLVED, eventId, "RESOLVED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(STAFF)
                .get("/tasks/by-event/" + eventId).then().body("[0].status", equalTo("RESOLVED")));
        // rework: the clock runs again with the stopped time added, and the moved deadline is announced
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, lifecycle(EventType.EVENT_REWORK_REQUESTED, eventId, "IN_PROGRESS"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(STAFF)
                .get("/tasks/by-event/" + eventId).then().body("[0].status", equalTo("OPEN")));
        String moved = given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().extract().path("[0].deadline");
        org.junit.jupiter.api.Assertions.assertTrue(!OffsetDateTime.parse(moved).isBefore(deadline), deadline + " -> " + moved);
        List<TopicReader.Received> shifted = TopicReader.read(bootstrap(), Topics.ESCALATION_TASKS, r -> eventId.equals(r.key())
                && EventType.TASK_DEADLINE_CHANGED.type().equals(r.event().getType()), 1, Duration.ofSeconds(10));
        assertEquals(1, shifted.size());
        // the clock resuming after rework says so: it is no extension
        String shift = new String(shifted.get(0).event().getData().toBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(shift.contains("\"cause\":\"REWORK\""), shift);
    }

    @Test
    void theStoredCalendarKnowsTheStateCouncilNotices() {
        var cal = calendars.current();
        assertEquals(false, cal.isWorkingDay(java.time.LocalDate.parse("2026-02-17")));
        assertEquals(true, cal.isWorkingDay(java.time.LocalDate.parse("2026-02-28")));
        assertEquals(true, cal.isWorkingDay(java.time.LocalDate.parse("2025-09-28")));
        assertEquals(false, cal.isWorkingDay(java.time.LocalDate.parse("2025-10-08")));
    }

    @Test
    void tasksNeedAStaffRole() {
        given().auth().oauth2(JwtKeys.forTests().token("r", "resident")).get("/tasks").then().statusCode(403);
        given().get("/tasks").then().statusCode(401);
    }

    /**
     * An event whose task waits for the dispatcher (returned too often) is resolved by its grid
     * worker and then reopened by a dissatisfied resident: it is dispatched again, instead of hitting
     * the one-live-task-per-event index and being dead-lettered for good.
     */
    @Test
    void aReopenedEventWhoseTaskWaitedForTheDispatcherIsDispatchedAgain() {
        String eventId = UUID.randomUUID().toString();
        CloudEvent accepted = lifecycle(EventType.EVENT_ACCEPTED, eventId, "ACCEPTED");
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, accepted);
        processed(accepted);
        String status = "OPEN";
        for (int i = 0; i < 6 && !"NEEDS_DISPATCHER".equals(status); i++) {
            String open = given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200)
                    .extract().path("find { it.status == 'OPEN' }.id");
            status = given().auth().oauth2(STAFF).contentType("application/json").body("{\"reason\":\"不属本单位\"}")
                    .post("/tasks/" + open + "/return").then().statusCode(200).extract().path("status");
        }
        assertEquals("NEEDS_DISPATCHER", status);
        CloudEvent resolved = lifecycle(EventType.EVENT_RESOLVED, eventId, "RESOLVED");
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, resolved);
        CloudEvent reopened = lifecycle(EventType.EVENT_REOPENED, eventId, "REOPENED");
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, reopened);
        processed(resolved);
        processed(reopened);
        given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200)
                .body("findAll { it.status == 'OPEN' }", hasSize(1))
                .body("findAll { it.status == 'NEEDS_DISPATCHER' }", hasSize(0));
    }

    /**
     * CloudEvents ids are unique per source only: two senders may choose the same id. The inbox
     * keys on both, so the second message is processed, not skipped as a redelivery.
     */
    @Test
    void messagesOfTwoSendersWithTheSameIdAreBothProcessed() {
        String id = "same-id-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, first, TopicWriter.event(id, "/gridgov/event-service",
                EventType.EVENT_ACCEPTED.type(), first, Messages.json(fact(first, "ACCEPTED"))));
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, second, TopicWriter.event(id, "/gridgov/event-service-replay",
                EventType.EVENT_ACCEPTED.type(), second, Messages.json(fact(second, "ACCEPTED"))));
        for (String eventId : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId)
                    .then().statusCode(200).body("$", hasSize(1)));
        }
    }
}
