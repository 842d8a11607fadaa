package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.contract.payload.CalendarDayV1;
import org.gridgov.common.contract.payload.CalendarYearSetV1;
import org.gridgov.event.calendar.WorkingCalendars;
import org.gridgov.event.followup.FollowUpSweep;
import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Several counties in one deployment (issue #20): a county's local days (calendar-year-set with county, key
 * year/county) are kept apart from the national days and from other counties', and an event counts its own county's
 * days in its follow-up window.
 */
@QuarkusTest
class CountyCalendarFollowUpTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-county-cal", "admin");
    static final OffsetDateTime SET_AT = OffsetDateTime.parse("2032-01-02T09:00:00Z");
    static final String COUNTY_B = "350183";
    /** Monday 18 October 2032: a local festival in county B only */
    static final LocalDate FESTIVAL = LocalDate.parse("2032-10-18");

    @Inject
    FollowUpSweep sweep;

    @Inject
    WorkingCalendars calendars;

    @Inject
    EntityManager em;

    @AfterEach
    void clockBack() {
        given().auth().oauth2(ADMIN).delete("/admin/clock").then().statusCode(200);
    }

    @Test
    void aCountysLocalHolidayIsItsOwnAndSurvivesANewNationalVersion() {
        HolidayFollowUpTest.announce(new CalendarYearSetV1(2032, SET_AT, List.of(), COUNTY_B));
        HolidayFollowUpTest.announce(new CalendarYearSetV1(2032, SET_AT.plusDays(1),
                List.of(new CalendarDayV1(FESTIVAL, WorkingCalendar.Kind.HOLIDAY, "地方节日")), COUNTY_B));
        HolidayFollowUpTest.announce(new CalendarYearSetV1(2032, SET_AT,
                List.of(new CalendarDayV1(LocalDate.parse("2032-10-01"), WorkingCalendar.Kind.HOLIDAY, "国庆节"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> calendars.years().contains(2032)
                && !calendars.of(COUNTY_B).isWorkingDay(FESTIVAL));
        assertFalse(calendars.of(COUNTY_B + "101001001").isWorkingDay(LocalDate.parse("2032-10-01")), "national days count too");
        assertTrue(calendars.of("350182").isWorkingDay(FESTIVAL), "another county does not count B's festival");
        assertTrue(calendars.current().isWorkingDay(FESTIVAL));
        // an older version of B's days arriving late changes nothing
        HolidayFollowUpTest.announce(new CalendarYearSetV1(2032, SET_AT, List.of(), COUNTY_B));
        HolidayFollowUpTest.announce(new CalendarYearSetV1(2033, SET_AT, List.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> calendars.years().contains(2033));
        assertFalse(calendars.of(COUNTY_B).isWorkingDay(FESTIVAL));
    }

    @Test
    void theFollowUpWindowOfAnEventCountsItsCountysLocalHoliday() {
        HolidayFollowUpTest.announce(new CalendarYearSetV1(2032, SET_AT.plusDays(2),
                List.of(new CalendarDayV1(FESTIVAL, WorkingCalendar.Kind.HOLIDAY, "地方节日")), COUNTY_B));
        await().atMost(Duration.ofSeconds(20)).until(() -> !calendars.of(COUNTY_B).isWorkingDay(FESTIVAL));
        // verified on Friday 15 October 2032 at about 10:00; 5 working days: 18-22 October, or in county B 19-25 October
        HolidayFollowUpTest.category();
        HolidayFollowUpTest.clock("2032-10-15T10:00:00+08:00");
        String here = FollowUpTest.verified("holiday.test");
        String inB = FollowUpTest.verified("holiday.test");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update event set grid_code = :g, community_code = :c, "
                + "street_code = :s where id = :id").setParameter("g", COUNTY_B + "101001001").setParameter("c", COUNTY_B + "101001")
                .setParameter("s", COUNTY_B + "101").setParameter("id", UUID.fromString(inB)).executeUpdate());
        // Saturday 23 October: the window of the event outside B is over, that of B's event is not
        sweep.closeExpired(OffsetDateTime.parse("2032-10-23T12:00:00+08:00"));
        given().auth().oauth2(ADMIN).get("/events/" + here).then().body("status", equalTo("CLOSED"));
        given().auth().oauth2(ADMIN).get("/events/" + inB).then().body("status", equalTo("VERIFIED"));
        // Monday 25 October 12:00: B's is over too
        sweep.closeExpired(OffsetDateTime.parse("2032-10-25T12:00:00+08:00"));
        given().auth().oauth2(ADMIN).get("/events/" + inB).then().body("status", equalTo("CLOSED"));
    }
}
