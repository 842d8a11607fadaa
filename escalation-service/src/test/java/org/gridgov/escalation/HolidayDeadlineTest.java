package org.gridgov.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;

import org.gridgov.escalation.calendar.Calendars;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Deadlines around every public holiday of 2025 and 2026, from the calendar as stored (the State
 * Council notices): dispatched at 10:00 in Shanghai, the deadline is 24:00 of the Nth working day
 * after the dispatch day (written below as 00:00 of the next day),
 * counting make-up working weekends (调休) and skipping holidays.
 */
@QuarkusTest
class HolidayDeadlineTest {

    @Inject
    Calendars calendars;

    @ParameterizedTest(name = "{3}: dispatched {0}, {1} working day(s), due {2} 00:00")
    @CsvSource({
            "2024-12-31, 1, 2025-01-03, 2025 New Year's Day (Wed Jan 1)",
            "2025-01-24, 1, 2025-01-27, 2025 Spring Festival make-up Sunday Jan 26",
            "2025-01-27, 1, 2025-02-06, 2025 Spring Festival Jan 28 - Feb 4",
            "2025-02-07, 1, 2025-02-09, 2025 Spring Festival make-up Saturday Feb 8",
            "2025-04-03, 1, 2025-04-08, 2025 Qingming Apr 4-6",
            "2025-04-25, 1, 2025-04-28, 2025 Labour Day make-up Sunday Apr 27",
            "2025-04-30, 1, 2025-05-07, 2025 Labour Day May 1-5",
            "2025-05-30, 1, 2025-06-04, 2025 Dragon Boat May 31 - Jun 2",
            "2025-09-26, 1, 2025-09-29, 2025 National Day make-up Sunday Sep 28",
            "2025-09-30, 1, 2025-10-10, 2025 National Day and Mid-Autumn Oct 1-8",
            "2025-10-10, 1, 2025-10-12, 2025 National Day make-up Saturday Oct 11",
            "2025-12-31, 1, 2026-01-05, 2026 New Year Jan 1-3 and make-up Sunday Jan 4",
            "2026-02-13, 1, 2026-02-15, 2026 Spring Festival make-up Saturday Feb 14",
            "2026-02-14, 1, 2026-02-25, 2026 Spring Festival Feb 15-23",
            "2026-02-27, 1, 2026-03-01, 2026 Spring Festival make-up Saturday Feb 28",
            "2026-04-03, 1, 2026-04-08, 2026 Qingming Apr 4-6",
            "2026-04-30, 1, 2026-05-07, 2026 Labour Day May 1-5",
            "2026-05-08, 1, 2026-05-10, 2026 Labour Day make-up Saturday May 9",
            "2026-06-18, 1, 2026-06-23, 2026 Dragon Boat Jun 19-21",
            "2026-09-18, 1, 2026-09-21, 2026 National Day make-up Sunday Sep 20",
            "2026-09-24, 1, 2026-09-29, 2026 Mid-Autumn Sep 25-27",
            "2026-09-30, 1, 2026-10-09, 2026 National Day Oct 1-7",
            "2026-09-30, 3, 2026-10-11, 2026 National Day and make-up Saturday Oct 10",
            "2026-12-18, 7, 2026-12-30, an ordinary fortnight: 7 working days over one weekend",
    })
    void deadlinesAroundEveryHoliday(String dispatchDay, int workingDays, String deadline, String holiday) {
        OffsetDateTime dispatched = OffsetDateTime.parse(dispatchDay + "T10:00:00+08:00");
        OffsetDateTime expected = OffsetDateTime.parse(deadline + "T00:00:00+08:00");
        assertEquals(expected.toInstant(), calendars.current().deadline(dispatched, workingDays).toInstant(), holiday);
    }
}
