package org.gridgov.grid.visit;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** Weeks (Monday to Sunday) and months in Asia/Shanghai, as half-open instants [from, to). */
public final class VisitPeriods {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public enum Period {
        WEEK, MONTH
    }

    public record Window(Period period, LocalDate firstDay, LocalDate lastDay, OffsetDateTime from, OffsetDateTime to) {
    }

    private VisitPeriods() {
    }

    public static Window of(Period period, LocalDate day) {
        LocalDate first = period == Period.WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
        LocalDate next = period == Period.WEEK ? first.plusWeeks(1) : first.plusMonths(1);
        return new Window(period, first, next.minusDays(1), first.atStartOfDay(ZONE).toOffsetDateTime(),
                next.atStartOfDay(ZONE).toOffsetDateTime());
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
