package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.escalation.clock.TimeSource;
import org.gridgov.escalation.task.SlaClock;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** The SLA clock driven by a controllable clock: no sleeps, exact instants. */
@QuarkusTest
class SlaClockTest {
    static final String STAFF = JwtKeys.forTests().token("street-2", java.util.Set.of("street_staff"),
            java.util.Map.of("streets", java.util.List.of("350182501", "350182502")));
    static final String SUPERVISOR = JwtKeys.forTests().token("sup-1", java.util.Set.of("supervisor"),
            java.util.Map.of("district", java.util.List.of("350182")));
    static final String WORKER = JwtKeys.forTests().token("worker-2", java.util.Set.of("grid_worker"),
            java.util.Map.of("grids", java.util.List.of("350182501001001", "350182502001001")));

    @Inject
    TimeSource time;

    @Inject
    SlaClock sla;

    @Inject
    jakarta.persistence.EntityManager em;

    @AfterEach
    void realTime() {
        time.use(Clock.systemUTC());
    }

    void at(String instant) {
        time.use(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static String report(String category, String grid) {
        String eventId = UUID.randomUUID().toString();
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, Messages.lifecycle(EventType.EVENT_ACCEPTED,
                Messages.fact(eventId, "ACCEPTED", category, grid, "r", OffsetDateTime.parse("2026-09-30T02:00:00Z"))));
        return eventId;
    }

    static List<java.util.Map<String, Object>> tasks(String eventId) {
        return given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200).extract().path("$");
    }

    @Test
    void warningAtEightyPercentThenOverdueEscalatesToTheCommunityWithAFreshDeadline() {
        at("2026-09-30T02:00:00Z"); // Wednesday 10:00 in Shanghai, the eve of National Day
        String eventId = report("environment.garbage", "350182501001001");
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(eventId).size() == 1);
        // day 0 is Sept 30; Oct 1-7 are holidays; the first working day is Oct 8: due 24:00 on Oct 8
        given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then()
                .body("[0].deadline", equalTo("2026-10-08T16:00:00Z"))
                .body("[0].tier", equalTo("GRID"));
        OffsetDateTime dispatched = OffsetDateTime.parse("2026-09-30T02:00:00Z");
        OffsetDateTime deadline = OffsetDateTime.parse("2026-10-08T16:00:00Z");
        OffsetDateTime warnAt = dispatched.plus(Duration.ofMillis((long) (Duration.between(dispatched, deadline).toMillis() * 0.8)));
        given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then()
                .body("[0].warnAt", equalTo(warnAt.toInstant().toString()));

        at(warnAt.minusSeconds(1).toInstant().toString());
        assertEquals(0, sla.tick(), "nothing is due a second before the warning");
        at(warnAt.plusSeconds(1).toInstant().toString());
        assertEquals(1, sla.tick());
        assertEquals(0, sla.tick(), "a timer fires once");
        given().auth().oauth2(STAFF).get("/tasks/by-event/" + eventId).then().body("[0].warnedAt", equalTo(warnAt.plusSeconds(1).toInstant().toString()))
                .body("[0].overdueAt", equalTo(null));

        at("2026-10-08T16:00:01Z");
        assertEquals(1, sla.tick());
        List<java.util.Map<String, Object>> all = tasks(eventId);
        assertEquals(2, all.size());
        assertEquals("ESCALATED", all.get(0).get("status"));
        assertEquals("OPEN", all.get(1).get("status"));
        assertEquals("COMMUNITY:350182501001", all.get(1).get("handlerUnit"));
        // day 0 is Oct 9 (Fri, Shanghai); Sat Oct 10 is a make-up working day, then Mon 12, Tue 13
        assertEquals("2026-10-13T16:00:00Z", all.get(1).get("deadline"));

        List<TopicReader.Received> facts = TopicReader.read(bootstrap(), Topics.ESCALATION_TASKS, r -> eventId.equals(r.key()), 4,
                Duration.ofSeconds(20));
        assertEquals(List.of(EventType.TASK_DISPATCHED.type(), EventType.TASK_WARNING.type(), EventType.TASK_OVERDUE.type(),
                EventType.TASK_DISPATCHED.type()), facts.stream().map(r -> r.event().getType()).toList());

        // 督办 goes to the unit holding the task now, before its deadline too; the escalated task is no one's to act on
        String overdueTask = (String) all.get(0).get("id");
        String communityTask = (String) all.get(1).get("id");
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"note\":\"还没到期，请抓紧\"}")
                .post("/supervision/tasks/" + communityTask + "/notices").then().statusCode(201).body("issuedBy", equalTo("sup-1"))
                .body("overdue", equalTo(false));
        given().auth().oauth2(SUPERVISOR).contentType(ContentType.JSON).body("{\"note\":\"请立即处理\"}")
                .post("/supervision/tasks/" + overdueTask + "/notices").then().statusCode(409);
        given().auth().oauth2(STAFF).get("/supervision/tasks/" + communityTask + "/notices").then().body("$", hasSize(1));
        given().auth().oauth2(SUPERVISOR).queryParam("unit", "COMMUNITY:350182501001").get("/supervision/summary").then()
                .body("[0].open", equalTo(1)).body("[0].overdue", equalTo(0));
    }

    @Test
    void aHandlerReportsUpTierByTierAndTheStreetSendsPublicOrderToThePolice() {
        at("2026-11-23T02:00:00Z");
        String eventId = report("public-order.noise", "350182502001001");
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(eventId).size() == 1);
        String grid = (String) tasks(eventId).get(0).get("id");
        String community = given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"reason\":\"需要社区协调\"}")
                .post("/tasks/" + grid + "/escalation").then().statusCode(200).body("tier", equalTo("COMMUNITY")).extract().path("id");
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"reason\":\"again\"}")
                .post("/tasks/" + grid + "/escalation").then().statusCode(409);
        String street = given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"需要执法\"}")
                .post("/tasks/" + community + "/escalation").then().statusCode(200)
                .body("tier", equalTo("STREET")).body("handlerUnit", equalTo("DEPT:police"))
                .body("cooperating", equalTo(List.of("DEPT:urban-management"))).body("rule", org.hamcrest.Matchers.startsWith("public-order-street@"))
                .extract().path("id");
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"no higher tier\"}")
                .post("/tasks/" + street + "/escalation").then().statusCode(409);
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{}").post("/tasks/" + street + "/escalation").then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
    }

    /** A deadline counted into a year whose holidays are not loaded is marked on the task. */
    @Test
    void aDeadlineIntoAYearWithoutItsCalendarIsMarked() {
        at("2031-03-03T02:00:00Z");
        String eventId = report("environment.garbage", "350182501001001");
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(eventId).size() == 1);
        assertEquals(true, tasks(eventId).get(0).get("calendarMissing"));
        given().auth().oauth2(STAFF).get("/calendar/2031").then().statusCode(200).body("loaded", equalTo(false));
        given().auth().oauth2(STAFF).get("/calendar/2026").then().statusCode(200).body("loaded", equalTo(true));
    }

    /**
     * A task whose timer cannot fire (here: a corrupt tier) is put off with its error; the timers behind it fire.
     * Both events' tasks leave the clock afterwards, so other tests' clocks do not find them due.
     */
    @Test
    void aTaskThatCannotFireIsPutOffAndDoesNotHoldUpTheOthers() {
        at("2026-03-02T02:00:00Z");
        String bad = report("environment.garbage", "350182501001001");
        String good = report("environment.garbage", "350182502001001");
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks(bad).size() == 1 && tasks(good).size() == 1);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update task set tier = 'NO-SUCH-TIER' where event_id = :e").setParameter("e", UUID.fromString(bad)).executeUpdate());
        try {
            at("2026-03-20T02:00:00Z"); // past both deadlines
            sla.tick();
            List<java.util.Map<String, Object>> escalated = tasks(good);
            assertEquals(List.of("ESCALATED", "OPEN"), escalated.stream().map(t -> t.get("status")).toList());
            Object error = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "select timer_error from task where event_id = :e").setParameter("e", UUID.fromString(bad)).getSingleResult());
            org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(error).contains("NO-SUCH-TIER"), String.valueOf(error));
        } finally {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update task set status = 'CLOSED' where event_id in (:e)")
                    .setParameter("e", List.of(UUID.fromString(bad), UUID.fromString(good))).executeUpdate());
        }
    }
}
