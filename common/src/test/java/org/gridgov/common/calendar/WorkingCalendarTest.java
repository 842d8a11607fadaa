package org.gridgov.common.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WorkingCalendarTest {
    // National Day 2026 and its make-up Saturday, as in the State Council notice
    static final WorkingCalendar CAL = new WorkingCalendar(Map.of(
            LocalDate.parse("2026-10-01"), WorkingCalendar.Kind.HOLIDAY, LocalDate.parse("2026-10-02"), WorkingCalendar.Kind.HOLIDAY,
            LocalDate.parse("2026-10-05"), WorkingCalendar.Kind.HOLIDAY, LocalDate.parse("2026-10-06"), WorkingCalendar.Kind.HOLIDAY,
            LocalDate.parse("2026-10-07"), WorkingCalendar.Kind.HOLIDAY, LocalDate.parse("2026-10-10"), WorkingCalendar.Kind.WORKDAY));

    @Test
    void weekendsHolidaysAndMakeUpDays() {
        assertTrue(CAL.isWorkingDay(LocalDate.parse("2026-11-27")));   // Friday
        assertFalse(CAL.isWorkingDay(LocalDate.parse("2026-11-28")));  // Saturday
        assertFalse(CAL.isWorkingDay(LocalDate.parse("2026-10-07")));  // Wednesday, holiday
        assertTrue(CAL.isWorkingDay(LocalDate.parse("2026-10-10")));   // Saturday made a working day
        assertTrue(WorkingCalendar.MONDAY_TO_FRIDAY.isWorkingDay(LocalDate.parse("2026-10-07")));
        assertFalse(WorkingCalendar.MONDAY_TO_FRIDAY.isWorkingDay(LocalDate.parse("2026-10-10")));
    }

    @Test
    void deadlineIsTheEndOfTheNthWorkingDayAfterTheDispatchDayInShanghai() {
        // dispatched on the eve of National Day: Oct 8, Oct 9, Oct 10 (make-up Saturday)
        assertEquals(OffsetDateTime.parse("2026-10-11T00:00+08:00"),
                CAL.deadline(OffsetDateTime.parse("2026-09-30T10:00+08:00"), 3));
        // Friday 23:30 in Shanghai: day 0 is that Friday, one working day is Monday
        assertEquals(OffsetDateTime.parse("2026-12-01T00:00+08:00"),
                CAL.deadline(OffsetDateTime.parse("2026-11-27T15:30Z"), 1));
        // 17:00 UTC on Thursday is already Friday 01:00 in Shanghai
        assertEquals(OffsetDateTime.parse("2026-12-01T00:00+08:00"),
                CAL.deadline(OffsetDateTime.parse("2026-11-26T17:00Z"), 1));
        assertThrows(IllegalArgumentException.class, () -> CAL.deadline(OffsetDateTime.parse("2026-11-26T17:00Z"), 0));
    }

    @Test
    void aLimitFromAMomentEndsAtTheSameTimeOfDayNWorkingDaysLater() {
        // verified on Friday Sep 25 at 10:00: 5 working days are Sep 28, 29, 30, Oct 8, Oct 9 (Oct 1-7 are holidays)
        OffsetDateTime verified = OffsetDateTime.parse("2026-09-25T10:00+08:00");
        assertEquals(OffsetDateTime.parse("2026-10-09T10:00+08:00").toInstant(), CAL.plus(verified, 5).toInstant());
        // Monday to Friday only, it would end on Friday Oct 2
        assertEquals(OffsetDateTime.parse("2026-10-02T10:00+08:00").toInstant(),
                WorkingCalendar.MONDAY_TO_FRIDAY.plus(verified, 5).toInstant());
        // 20:00 UTC on Friday Oct 9 is Saturday Oct 10 (a make-up working day) 04:00 in Shanghai: one working day is Monday Oct 12
        assertEquals(OffsetDateTime.parse("2026-10-12T04:00+08:00").toInstant(),
                CAL.plus(OffsetDateTime.parse("2026-10-09T20:00Z"), 1).toInstant());
        assertEquals(verified, CAL.plus(verified, 0));
    }

    @Test
    void thisYearIsMissingAllYearAndNextYearFromTheFirstOfNovember() {
        assertEquals(2027, WorkingCalendar.missingYear(LocalDate.of(2027, 1, 4), Set.of(2025, 2026)));
        assertNull(WorkingCalendar.missingYear(LocalDate.of(2026, 10, 31), Set.of(2026)));
        assertEquals(2027, WorkingCalendar.missingYear(LocalDate.of(2026, 11, 1), Set.of(2026)));
        assertNull(WorkingCalendar.missingYear(LocalDate.of(2026, 12, 2), Set.of(2026, 2027)));
    }
}
