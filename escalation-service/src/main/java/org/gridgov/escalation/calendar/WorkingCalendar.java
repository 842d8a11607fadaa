package org.gridgov.escalation.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * Working days in mainland China: Monday to Friday, minus public holidays, plus the weekend days
 * that the State Council makes working days (调休). Deadlines follow the rule "the dispatch day is
 * day 0; the deadline is the end (24:00, Asia/Shanghai) of the Nth working day after it".
 */
public final class WorkingCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public enum Kind {
        HOLIDAY, WORKDAY
    }

    private final Map<LocalDate, Kind> exceptions;

    public WorkingCalendar(Map<LocalDate, Kind> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
    }

    public boolean isWorkingDay(LocalDate day) {
        Kind k = exceptions.get(day);
        if (k != null) {
            return k == Kind.WORKDAY;
        }
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /** The Nth working day after the given day (the day itself is day 0). */
    public LocalDate addWorkingDays(LocalDate day0, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("working days must be at least 1, not " + n);
        }
        LocalDate d = day0;
        int counted = 0;
        while (counted < n) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }

    /** 24:00 Asia/Shanghai of the Nth working day after the day of {@code dispatchedAt}. */
    public OffsetDateTime deadline(OffsetDateTime dispatchedAt, int workingDays) {
        LocalDate day0 = dispatchedAt.atZoneSameInstant(ZONE).toLocalDate();
        return addWorkingDays(day0, workingDays).plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
    }
}
