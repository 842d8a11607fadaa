package org.gridgov.event.calendar;

import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Working days for the limits event-service keeps itself (the follow-up, the wait for missing material): Monday to Friday in Asia/Shanghai. event-service does not hold the
 * holiday calendar (escalation-service does, for deadlines); a public holiday counts as a working day here, which
 * only gives less time, never more.
 */
public final class WorkingDays {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private WorkingDays() {
    }

    /** the instant {@code days} working days after {@code start}, at the same time of day in Asia/Shanghai */
    public static OffsetDateTime plus(OffsetDateTime start, int days) {
        ZonedDateTime t = start.atZoneSameInstant(ZONE);
        int left = days;
        while (left > 0) {
            t = t.plusDays(1);
            if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return t.toOffsetDateTime();
    }
}
