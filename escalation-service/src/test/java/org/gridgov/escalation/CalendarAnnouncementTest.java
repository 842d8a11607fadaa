package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.CalendarDayV1;
import org.gridgov.common.contract.payload.CalendarYearSetV1;
import org.gridgov.escalation.calendar.CalendarPublisher;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * escalation-service announces its working calendar to the suite: each year set with PUT /calendar/{year} in that
 * transaction, and at start every year it holds that was not announced yet (the seeded years, on a fresh install), once.
 */
@QuarkusTest
class CalendarAnnouncementTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-cal", "admin");
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    CalendarPublisher publisher;

    static List<CalendarYearSetV1> announced(String year, int count) {
        return announced(year, count, Duration.ofSeconds(20));
    }

    /** the year's records on the topic, up to {@code count}, read for at most {@code wait} */
    static List<CalendarYearSetV1> announced(String year, int count, Duration wait) {
        return TopicReader.read(DispatchTest.bootstrap(), Topics.ESCALATION_CALENDAR,
                r -> year.equals(r.key()) && EventType.CALENDAR_YEAR_SET.type().equals(r.event().getType()), count, wait)
                .stream().map(r -> {
                    try {
                        return JSON.readValue(r.event().getData().toBytes(), CalendarYearSetV1.class);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    @Test
    void theWireFormatIsTheContracts() {
        TopicReader.Received r = TopicReader.read(DispatchTest.bootstrap(), Topics.ESCALATION_CALENDAR, x -> "2026".equals(x.key()), 1,
                Duration.ofSeconds(20)).get(0);
        assertEquals(EventType.CALENDAR_YEAR_SET.type(), r.event().getType());
        assertEquals("2026", r.event().getSubject());
        assertEquals("urn:gridgov:schema:CalendarYearSetV1", String.valueOf(r.event().getDataSchema()));
        String json = new String(r.event().getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"year\":2026"), json);
        assertTrue(json.contains("{\"date\":\"2026-02-17\",\"kind\":\"HOLIDAY\",\"name\":\"春节\"}"), json);
        assertTrue(json.matches("(?s).*\"setAt\":\"20[0-9-]+T[^\"]+\".*"), json);
    }

    @Test
    void theSeededYearsAreAnnouncedAtStartOnce() {
        List<CalendarYearSetV1> y2026 = announced("2026", 1);
        assertEquals(1, y2026.size());
        assertTrue(y2026.get(0).days().contains(new CalendarDayV1(java.time.LocalDate.parse("2026-02-17"), WorkingCalendar.Kind.HOLIDAY, "春节")));
        assertTrue(y2026.get(0).days().contains(new CalendarDayV1(java.time.LocalDate.parse("2026-10-10"), WorkingCalendar.Kind.WORKDAY, "国庆节调休")),
                y2026.get(0).days().toString());
        assertEquals(1, announced("2025", 1).size());
        // a restart announces nothing again
        assertEquals(0, publisher.announceUnpublished());
        assertEquals(1, announced("2026", 2, Duration.ofSeconds(5)).size());
    }

    @Test
    void aYearSetWithPutIsAnnouncedAndEachNewVersionAgain() {
        String first = "{\"days\":[{\"date\":\"2032-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"},"
                + "{\"date\":\"2032-10-01\",\"kind\":\"HOLIDAY\",\"name\":\"国庆节\"}]}";
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(first).put("/calendar/2032").then().statusCode(200);
        List<CalendarYearSetV1> once = announced("2032", 1);
        assertEquals(1, once.size());
        assertEquals(2032, once.get(0).year());
        assertEquals(List.of(new CalendarDayV1(java.time.LocalDate.parse("2032-01-01"), WorkingCalendar.Kind.HOLIDAY, "元旦"),
                new CalendarDayV1(java.time.LocalDate.parse("2032-10-01"), WorkingCalendar.Kind.HOLIDAY, "国庆节")), once.get(0).days());
        // a refused edit announces nothing
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"days\":[{\"date\":\"2031-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"}]}").put("/calendar/2032").then().statusCode(400);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"days\":[{\"date\":\"2032-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"}]}").put("/calendar/2032").then().statusCode(200);
        List<CalendarYearSetV1> twice = announced("2032", 3, Duration.ofSeconds(8));
        assertEquals(2, twice.size());
        CalendarYearSetV1 latest = twice.get(1);
        assertEquals(List.of(new CalendarDayV1(java.time.LocalDate.parse("2032-01-01"), WorkingCalendar.Kind.HOLIDAY, "元旦")), latest.days());
        OffsetDateTime a = twice.get(0).setAt();
        assertTrue(latest.setAt().isAfter(a), latest.setAt() + " after " + a);
        assertEquals(0, publisher.announceUnpublished());
    }
}
