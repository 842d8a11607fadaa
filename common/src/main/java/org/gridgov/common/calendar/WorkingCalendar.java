package org.gridgov.common.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

/**
 * Working days in mainland China: Monday to Friday, minus public holidays, plus the weekend days
 * that the State Council makes working days (调休). The one rule of the suite: escalation-service
 * holds the days (its {@code PUT /calendar/{year}}) and counts task deadlines with it; event-service
 * receives them ({@code calendar-year-set}) and counts its own limits (follow-up, missing material)
 * with it. Deadlines follow the rule "the dispatch day is day 0; the deadline is the end (24:00,
 * Asia/Shanghai) of the Nth working day after it".
 */
public final class WorkingCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** No holidays known: Monday to Friday only. */
    public static final WorkingCalendar MONDAY_TO_FRIDAY = new WorkingCalendar(Map.of());

    public enum Kind {
        /** a public holiday (on any weekday) */
        HOLIDAY,
        /** a weekend day made a working day (调休) */
        WORKDAY
    }

    private final Map<LocalDate, Kind> exceptions;

    /** @param exceptions the days that differ from Monday to Friday */
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

    /**
     * The moment {@code days} working days after {@code start}, at the same time of day in Asia/Shanghai (a limit
     * that runs from a moment, such as the follow-up window after verification); {@code start} itself for 0.
     */
    public OffsetDateTime plus(OffsetDateTime start, int days) {
        ZonedDateTime t = start.atZoneSameInstant(ZONE);
        if (days <= 0) {
            return start;
        }
        LocalDate day = addWorkingDays(t.toLocalDate(), days);
        return day.atTime(t.toLocalTime()).atZone(ZONE).toOffsetDateTime();
    }

    /**
     * The year whose calendar is missing on {@code today} (Asia/Shanghai), or null: this year's all year, and from
     * 1 November next year's too (the State Council publishes its notice in the autumn).
     */
    public static Integer missingYear(LocalDate today, Set<Integer> loaded) {
        int year = today.getYear();
        if (!loaded.contains(year)) {
            return year;
        }
        if (today.getMonthValue() >= 11 && !loaded.contains(year + 1)) {
            return year + 1;
        }
        return null;
    }
}
