package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.CalendarDayV1;
import org.gridgov.common.contract.payload.CalendarYearSetV1;
import org.gridgov.event.calendar.WorkingCalendars;
import org.gridgov.event.followup.FollowUpSweep;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The follow-up window counts the suite's working calendar as escalation-service announces it (calendar-year-set on
 * gridgov.escalation.calendar.v1): a window over National Day does not close the item as 回访未果 while the street
 * office is on holiday. Until a year has arrived, the limits count Monday to Friday and the wellness check says so.
 */
@QuarkusTest
class HolidayFollowUpTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-hol", "admin");
    static final OffsetDateTime SET_AT = OffsetDateTime.parse("2030-01-02T09:00:00Z");

    @Inject
    FollowUpSweep sweep;

    @Inject
    WorkingCalendars calendars;

    @AfterEach
    void clockBack() {
        given().auth().oauth2(ADMIN).delete("/admin/clock").then().statusCode(200);
    }

    static void category() {
        for (String[] c : new String[][] { { "holiday", "94", null }, { "holiday.test", "9401", "holiday" } }) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"kind\":\"EVENT\",\"code\":\"" + c[1] + "\",\"nameZh\":\"节假日测试\",\"nameEn\":\"Holiday test\""
                            + (c[2] == null ? "" : ",\"parentKey\":\"" + c[2] + "\"") + "}")
                    .put("/categories/" + c[0]).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
    }

    /** National Day 2030 as escalation-service would announce it: Tuesday Oct 1 to Monday Oct 7, make-up Sunday Sep 29 */
    static List<CalendarDayV1> nationalDay(int lastHoliday) {
        List<CalendarDayV1> days = new ArrayList<>();
        days.add(new CalendarDayV1(LocalDate.parse("2030-09-29"), WorkingCalendar.Kind.WORKDAY, "国庆节调休"));
        for (int d = 1; d <= lastHoliday; d++) {
            days.add(new CalendarDayV1(LocalDate.of(2030, 10, d), WorkingCalendar.Kind.HOLIDAY, "国庆节"));
        }
        return days;
    }

    static void announce(CalendarYearSetV1 year) {
        TopicWriter.send(bootstrap(), Topics.ESCALATION_CALENDAR, year.key(), Published.fromEscalation(EventType.CALENDAR_YEAR_SET, year));
    }

    static void clock(String at) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"now\":\"" + at + "\"}").put("/admin/clock").then().statusCode(200);
    }

    @Test
    void aFollowUpWindowOverNationalDayIsNotClosedAsNoAnswerOnTheHoliday() {
        category();
        clock("2030-09-27T10:00:00+08:00");
        // 2030 has not arrived: Monday to Friday, and the wellness check says so (the service itself stays ready)
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'working-calendar' }.data.problem", containsString("2030's working calendar has not arrived"));
        given().get("/q/health/ready").then().statusCode(200);

        announce(new CalendarYearSetV1(2030, SET_AT, nationalDay(7)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'working-calendar' }.data.'received-years'", containsString("2030")));

        // verified on Friday Sep 27 at about 10:00; 5 working days: Sep 29 (make-up Sunday), Sep 30, Oct 8, 9, 10
        String id = FollowUpTest.verified("holiday.test");
        // Saturday Oct 5, in the holiday: Monday to Friday would be past 5 working days (Sep 30 to Oct 4) and close it
        sweep.closeExpired(OffsetDateTime.parse("2030-10-05T12:00:00+08:00"));
        given().auth().oauth2(FollowUpTest.RESIDENT).get("/events/" + id).then().body("status", equalTo("VERIFIED"));
        // Thursday Oct 10 09:00: the fifth working day is not over
        sweep.closeExpired(OffsetDateTime.parse("2030-10-10T09:00:00+08:00"));
        given().auth().oauth2(FollowUpTest.RESIDENT).get("/events/" + id).then().body("status", equalTo("VERIFIED"));
        // Thursday Oct 10 12:00: it is
        assertTrue(sweep.closeExpired(OffsetDateTime.parse("2030-10-10T12:00:00+08:00")) >= 1);
        given().auth().oauth2(FollowUpTest.RESIDENT).get("/events/" + id).then().body("status", equalTo("CLOSED"))
                .body("followUpOutcome", equalTo("NO_ANSWER")).body("timeline.action[-1]", equalTo("CLOSE_NO_ANSWER"));
    }

    @Test
    void aLaterVersionOfAYearReplacesTheEarlierAndAnOlderOneArrivingLateIsIgnored() {
        LocalDate oct7 = LocalDate.parse("2040-10-08");
        // 2040: Monday Oct 8 a holiday at first, then not (a corrected notice), then the first version again, late
        List<CalendarDayV1> first = List.of(new CalendarDayV1(oct7, WorkingCalendar.Kind.HOLIDAY, "国庆节"),
                new CalendarDayV1(LocalDate.parse("2040-10-01"), WorkingCalendar.Kind.HOLIDAY, "国庆节"));
        List<CalendarDayV1> corrected = List.of(new CalendarDayV1(LocalDate.parse("2040-10-01"), WorkingCalendar.Kind.HOLIDAY, "国庆节"));
        announce(new CalendarYearSetV1(2040, SET_AT, first));
        await().atMost(Duration.ofSeconds(20)).until(() -> calendars.years().contains(2040));
        assertFalse(calendars.current().isWorkingDay(oct7));
        announce(new CalendarYearSetV1(2040, SET_AT.plusDays(1), corrected));
        await().atMost(Duration.ofSeconds(20)).until(() -> calendars.current().isWorkingDay(oct7));
        // the first version again (a redelivery under a new id), then a marker year: once the marker is in, the late one was seen
        announce(new CalendarYearSetV1(2040, SET_AT, first));
        announce(new CalendarYearSetV1(2041, SET_AT, List.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> calendars.years().contains(2041));
        assertTrue(calendars.current().isWorkingDay(oct7), "the older version did not replace the newer");
        assertFalse(calendars.current().isWorkingDay(LocalDate.parse("2040-10-01")));
    }

    @Test
    void aYearThatCannotBeOneIsDeadLetteredWithTheReason() {
        announce(new CalendarYearSetV1(2050, SET_AT, List.of(new CalendarDayV1(LocalDate.parse("2049-12-31"), WorkingCalendar.Kind.HOLIDAY, "除夕"))));
        List<org.gridgov.testkit.TopicReader.Received> dead = org.gridgov.testkit.TopicReader.read(bootstrap(),
                Topics.deadLetter(org.gridgov.event.calendar.CalendarConsumer.NAME), r -> "2050".equals(r.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        String reason = new String(dead.get(0).record().headers().lastHeader("dlt_reason").value(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(reason.contains("days[0].date: 2049-12-31 is not in 2050"), reason);
        assertFalse(calendars.years().contains(2050));
    }
}
