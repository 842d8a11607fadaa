package org.gridgov.common.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CountyCalendarsTest {
    // national: 2026-10-01 holiday, Saturday 2026-10-10 made a working day; county 350182: Tuesday 2026-11-17 a local
    // festival, and Saturday 2026-10-10 a day off after all
    static final CountyCalendars CALS = CountyCalendars.of(List.of(
            new Object[] { null, LocalDate.parse("2026-10-01"), "HOLIDAY" },
            new Object[] { null, java.sql.Date.valueOf("2026-10-10"), "WORKDAY" },
            new Object[] { "350182", LocalDate.parse("2026-11-17"), WorkingCalendar.Kind.HOLIDAY },
            new Object[] { "350182", LocalDate.parse("2026-10-10"), "HOLIDAY" }), Set.of(2026));

    @Test
    void aCountyCountsTheNationalDaysAndItsOwn() {
        WorkingCalendar own = CALS.of("350182");
        assertFalse(own.isWorkingDay(LocalDate.parse("2026-11-17")));
        assertFalse(own.isWorkingDay(LocalDate.parse("2026-10-01")));
        assertFalse(own.isWorkingDay(LocalDate.parse("2026-10-10")), "the county's day takes precedence over the national one");
        assertTrue(CALS.of("350183").isWorkingDay(LocalDate.parse("2026-11-17")));
        assertTrue(CALS.of("350183").isWorkingDay(LocalDate.parse("2026-10-10")));
        assertTrue(CALS.national().isWorkingDay(LocalDate.parse("2026-11-17")));
        assertSame(CALS.national(), CALS.of(null));
        assertSame(own, CALS.of("350182901001001"), "a place code counts with its county's calendar");
    }

    @Test
    void deadlinesOfTwoCountiesDiffer() {
        OffsetDateTime monday = OffsetDateTime.parse("2026-11-16T10:00:00+08:00");
        assertEquals(OffsetDateTime.parse("2026-11-18T00:00+08:00").toInstant(), CALS.of("350183").deadline(monday, 1).toInstant());
        assertEquals(OffsetDateTime.parse("2026-11-19T00:00+08:00").toInstant(), CALS.of("350182").deadline(monday, 1).toInstant());
    }

    @Test
    void yearsAndCounties() {
        assertEquals(Set.of("350182"), CALS.counties());
        assertEquals(2, CALS.localDays("350182").size());
        assertTrue(CALS.covers(OffsetDateTime.parse("2026-11-16T10:00:00+08:00"), OffsetDateTime.parse("2026-12-01T10:00:00+08:00")));
        assertFalse(CALS.covers(OffsetDateTime.parse("2026-12-30T10:00:00+08:00"), OffsetDateTime.parse("2027-01-04T10:00:00+08:00")));
    }

    @Test
    void theCacheLoadsOnceUntilDropped() {
        AtomicInteger loads = new AtomicInteger();
        CountyCalendars.Cache cache = new CountyCalendars.Cache("test", () -> {
            loads.incrementAndGet();
            return CALS;
        }, null, null);
        assertSame(CALS, cache.get());
        cache.get();
        assertEquals(1, loads.get());
        cache.drop();
        cache.get();
        assertEquals(2, loads.get());
    }
}
