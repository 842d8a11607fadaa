package org.gridgov.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import org.gridgov.escalation.calendar.WorkingCalendar;
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
}
