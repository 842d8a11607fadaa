package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.escalation.calendar.Calendars;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Several counties in one deployment (issue #20): county B (350184) publishes its own routing rules to its own department
 * and adds a local holiday; an event of B is dispatched by B's rules with B's calendar, while an event of county A
 * (350182, without rules of its own) is dispatched by the shared rules with the national calendar. A county's
 * administrator changes her county's only.
 */
@QuarkusTest
class CountyRoutingTest {
    static final String A = "350182";
    static final String B = "350184";
    static final String SYSTEM = JwtKeys.forTests().token("admin-system", "admin");
    static final String ADMIN_A = JwtKeys.forTests().token("admin-a", Set.of("admin"), Map.of("district", List.of(A)));
    static final String ADMIN_B = JwtKeys.forTests().token("admin-b", Set.of("admin"), Map.of("district", List.of(B)));

    @Inject
    Calendars calendars;

    static String rule(String id, String category, String place, String tier, String handler) {
        return RoutingAndCalendarTest.rule(id, category, place, tier, handler);
    }

    /** B's rules: garbage to B's own sanitation office at the grid tier, the places' own units otherwise */
    static String rulesOfB(String garbageHandler, String garbagePlace) {
        return "{\"note\":\"县B自定规则\",\"rules\":[" + rule("b-garbage", "environment.garbage", garbagePlace, "GRID", garbageHandler) + ","
                + rule("b-grid", "", B, "GRID", "GRID") + "," + rule("b-community", "", "", "COMMUNITY", "COMMUNITY") + ","
                + rule("b-street", "", B, "STREET", "STREET") + "]}";
    }

    static CloudEvent accepted(String eventId, String county) {
        String grid = county + "301001001";
        String json = ("{\"eventId\":\"%s\",\"status\":\"ACCEPTED\",\"category\":\"environment.garbage\",\"gridCode\":\"%s\","
                + "\"communityCode\":\"%s\",\"streetCode\":\"%s\",\"reporterId\":\"resident-1\",\"occurredAt\":\"%s\"}")
                .formatted(eventId, grid, grid.substring(0, 12), grid.substring(0, 9), OffsetDateTime.now());
        return TopicWriter.event(null, "/gridgov/event-service", EventType.EVENT_ACCEPTED.type(), eventId, json);
    }

    static JsonPath dispatched(String county) {
        String id = UUID.randomUUID().toString();
        TopicWriter.send(DispatchTest.bootstrap(), Topics.EVENT_LIFECYCLE, id, accepted(id, county));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(SYSTEM).get("/tasks/by-event/" + id)
                .then().statusCode(200).body("$", hasSize(1)));
        return given().auth().oauth2(SYSTEM).get("/tasks/by-event/" + id).then().extract().jsonPath();
    }

    @Test
    void aCountysEventIsRoutedByItsRulesToItsDepartmentWithItsLocalHoliday() {
        departmentOfB();
        int version = publishRulesOfB();
        LocalDate festival = festivalOfB();

        JsonPath inB = dispatched(B);
        JsonPath inA = dispatched(A);
        assertEquals("DEPT:b-sanitation", inB.getString("[0].handlerUnit"));
        assertEquals(B, inB.getString("[0].ruleCounty"));
        assertEquals("b-garbage@" + version, inB.getString("[0].rule"));
        assertTrue(inB.getString("[0].reason").contains("rules of county " + B), inB.getString("[0].reason"));
        assertEquals("GRID:" + A + "301001001", inA.getString("[0].handlerUnit"));
        assertEquals(null, inA.getString("[0].ruleCounty"));
        assertTrue(inA.getString("[0].reason").contains("shared rules"), inA.getString("[0].reason"));
        deadlinesDiffer(inA, inB, festival);
    }

    /** B's administrator adds B's department; A's may not, nor rename a shared one */
    void departmentOfB() {
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body("{\"name\":\"B县环卫所\",\"county\":\"" + B + "\"}")
                .put("/routing/departments/b-sanitation").then().statusCode(200).body("county", equalTo(B));
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body("{\"name\":\"改名\",\"county\":\"" + B + "\"}")
                .put("/routing/departments/b-sanitation").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body("{\"name\":\"改名\"}")
                .put("/routing/departments/sanitation").then().statusCode(403);
        given().auth().oauth2(SYSTEM).contentType(ContentType.JSON).body("{\"name\":\"搬家\"}")
                .put("/routing/departments/b-sanitation").then().statusCode(409);
        given().auth().oauth2(SYSTEM).queryParam("county", B).get("/routing/departments").then().statusCode(200)
                .body("$", hasItem("b-sanitation")).body("$", hasItem("sanitation"));
        given().auth().oauth2(SYSTEM).queryParam("county", A).get("/routing/departments").then().body("$", not(hasItem("b-sanitation")));
    }

    /** B's rules, published by B's administrator only; returns their version */
    int publishRulesOfB() {
        // B's rules: places outside B and other counties' departments are refused, naming the field
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).queryParam("county", B).body(rulesOfB("DEPT:b-sanitation", A))
                .post("/routing/rules").then().statusCode(400).body("errors[0].field", equalTo("rules[0].placePrefix"));
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).queryParam("county", A).body(rulesOfB("DEPT:b-sanitation", ""))
                .post("/routing/rules").then().statusCode(400).body("errors.field", hasItem("rules[0].handler"));
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).queryParam("county", B).body(rulesOfB("DEPT:b-sanitation", B))
                .post("/routing/rules").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body(rulesOfB("GRID", ""))
                .post("/routing/rules").then().statusCode(403);
        int version = given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).queryParam("county", B)
                .body(rulesOfB("DEPT:b-sanitation", B)).post("/routing/rules").then().statusCode(200).body("county", equalTo(B))
                .extract().path("version");
        given().auth().oauth2(SYSTEM).queryParam("county", B).get("/routing/rules").then().body("version", equalTo(version))
                .body("county", equalTo(B));
        given().auth().oauth2(SYSTEM).queryParam("county", A).get("/routing/rules").then().body("county", nullValue())
                .body("rules.id", hasItem("default-grid"));
        return version;
    }

    /** B's local festival, set by B's administrator only; returns it */
    LocalDate festivalOfB() {
        // B's local festival: the next working day after today (Asia/Shanghai), by B's administrator only
        LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
        LocalDate festival = calendars.current().addWorkingDays(today, 1);
        String days = "{\"days\":[{\"date\":\"" + festival + "\",\"kind\":\"HOLIDAY\",\"name\":\"地方节日\"}]}";
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(days).put("/calendar/" + festival.getYear() + "/counties/" + B)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body(days).put("/calendar/" + festival.getYear())
                .then().statusCode(403);
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body(days).put("/calendar/" + festival.getYear() + "/counties/" + B)
                .then().statusCode(200).body("localDays[0].date", equalTo(festival.toString()));
        given().auth().oauth2(SYSTEM).queryParam("county", B).get("/calendar/" + festival.getYear()).then()
                .body("localDays.name", hasItem("地方节日"));
        return festival;
    }

    void deadlinesDiffer(JsonPath inA, JsonPath inB, LocalDate festival) {
        LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
        // the same tier and working days; B's deadline is a working day later: its festival does not count in A
        OffsetDateTime dispatchedB = OffsetDateTime.parse(inB.getString("[0].dispatchedAt"));
        OffsetDateTime dispatchedA = OffsetDateTime.parse(inA.getString("[0].dispatchedAt"));
        OffsetDateTime deadlineB = OffsetDateTime.parse(inB.getString("[0].deadline"));
        OffsetDateTime deadlineA = OffsetDateTime.parse(inA.getString("[0].deadline"));
        LocalDate dayB = dispatchedB.atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate();
        LocalDate dayA = dispatchedA.atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate();
        int n = 0;
        while (!calendars.current().addWorkingDays(dayA, ++n).plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant()
                .equals(deadlineA.toInstant())) {
            assertTrue(n < 60, "A's deadline is a whole number of national working days");
        }
        assertEquals(calendars.current().addWorkingDays(dayA, n), deadlineA.atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate().minusDays(1));
        assertEquals(today, dayB, "dispatched today (Asia/Shanghai), so B's festival lies within its deadline");
        assertEquals(calendars.current().addWorkingDays(dayB, n + 1).plusDays(1),
                deadlineB.atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate(), "B counts its festival " + festival);
        String shown = given().auth().oauth2(SYSTEM).queryParam("from", dispatchedB.toString()).queryParam("workingDays", n)
                .queryParam("county", B).get("/calendar/deadline").then().statusCode(200).body("county", equalTo(B))
                .extract().path("deadline");
        assertEquals(deadlineB.toInstant(), OffsetDateTime.parse(shown).toInstant(), "GET /calendar/deadline?county= shows B's view");
    }

    @Test
    void aDispatcherGivesATaskToASharedDepartmentOrOneOfItsCountyOnly() {
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body("{\"name\":\"B县城管\",\"county\":\"" + B + "\"}")
                .put("/routing/departments/b-urban").then().statusCode(200);
        org.gridgov.escalation.task.Task queued = PermissionMatrixTest.task("DISPATCHER", "GRID",
                org.gridgov.escalation.task.Task.Status.NEEDS_DISPATCHER, List.of(), false);
        assertEquals(A, queued.gridCode.substring(0, 6));
        given().auth().oauth2(SYSTEM).contentType(ContentType.JSON).body("{\"handlerUnit\":\"DEPT:b-urban\"}")
                .post("/tasks/" + queued.id + "/assignment").then().statusCode(400).body("errors[0].field", equalTo("handlerUnit"));
        given().auth().oauth2(SYSTEM).contentType(ContentType.JSON).body("{\"handlerUnit\":\"DEPT:urban-management\"}")
                .post("/tasks/" + queued.id + "/assignment").then().statusCode(200).body("handlerUnit", equalTo("DEPT:urban-management"));
    }

    @Test
    void aCountysAdministratorManagesHerDepartmentsWebhooksOnly() {
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body("{\"name\":\"B县水务\",\"county\":\"" + B + "\"}")
                .put("/routing/departments/b-water").then().statusCode(200);
        String hook = "{\"url\":\"http://127.0.0.1:9/hook\"}";
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body(hook).put("/admin/departments/b-water/webhook")
                .then().statusCode(200).body("secret", not(nullValue()));
        given().auth().oauth2(ADMIN_B).get("/admin/departments/b-water/webhook").then().statusCode(200);
        given().auth().oauth2(ADMIN_A).get("/admin/departments/b-water/webhook").then().statusCode(403)
                .body("detail", containsString(B));
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body(hook).put("/admin/departments/police/webhook")
                .then().statusCode(403);
        given().auth().oauth2(ADMIN_B).get("/admin/departments/webhook-deliveries").then().statusCode(403);
        given().auth().oauth2(ADMIN_B).post("/admin/departments/b-water/webhook-deliveries/redrive").then().statusCode(200);
        given().auth().oauth2(SYSTEM).get("/admin/departments/b-water/webhook").then().statusCode(200);
        given().auth().oauth2(ADMIN_B).delete("/admin/departments/b-water/webhook").then().statusCode(204);
        given().auth().oauth2(ADMIN_B).get("/admin/departments/nope/webhook").then().statusCode(404);
    }
}
