package org.gridgov.escalation.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CalendarCoverageTest {

    @Test
    void nextYearIsAskedForFromTheFirstOfNovember() {
        assertNull(CalendarCoverage.problem(LocalDate.of(2026, 10, 31), Set.of(2025, 2026)));
        String november = CalendarCoverage.problem(LocalDate.of(2026, 11, 1), Set.of(2025, 2026));
        assertTrue(november.startsWith("2027's holidays are not loaded yet"), november);
        assertNull(CalendarCoverage.problem(LocalDate.of(2026, 12, 2), Set.of(2026, 2027)));
    }

    @Test
    void aYearWithoutItsCalendarIsAProblemAllYear() {
        assertEquals("2027's holidays are not loaded: deadlines count Monday to Friday only; PUT /calendar/2027",
                CalendarCoverage.problem(LocalDate.of(2027, 1, 4), Set.of(2025, 2026)));
    }
}
