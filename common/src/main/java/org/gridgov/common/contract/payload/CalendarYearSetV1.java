package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.List;

import org.gridgov.common.contract.EventType;

/**
 * One year of the working calendar as escalation-service holds it: every day of the year that differs from Monday to
 * Friday. A new record for a year replaces the earlier one entirely (a day no longer listed is an ordinary day again).
 * Key: the year for the national days, {@code <year>/<county>} for a county's local days, on a compacted topic, so the
 * latest record per year and county is the calendar.
 *
 * @param year  the calendar year
 * @param setAt when the year was set (loaded or edited) in escalation-service: of two records for a year, the later
 *              {@code setAt} wins
 * @param days   the holidays and make-up working days of the year, by date
 * @param county null for the national days (the State Council's notice); a county's code (6 digits) for that county's
 *               local days, which it counts on top of the national ones and which take precedence on the same date
 */
public record CalendarYearSetV1(int year, OffsetDateTime setAt, List<CalendarDayV1> days, String county) implements TypedPayload {
    /** The national days of a year. */
    public CalendarYearSetV1(int year, OffsetDateTime setAt, List<CalendarDayV1> days) {
        this(year, setAt, days, null);
    }

    @Override
    public EventType eventType() {
        return EventType.CALENDAR_YEAR_SET;
    }

    @Override
    public String key() {
        return county == null ? String.valueOf(year) : year + "/" + county;
    }
}
