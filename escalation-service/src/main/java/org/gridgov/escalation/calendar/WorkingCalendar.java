package org.gridgov.escalation.calendar;

import java.time.ZoneId;

/**
 * @deprecated The working calendar is {@link org.gridgov.common.calendar.WorkingCalendar}, shared with event-service.
 *             This name stays only while {@code task.TaskActions} (edited on another branch) still imports it for
 *             {@link #ZONE}; remove it with that import.
 */
@Deprecated(forRemoval = true)
public final class WorkingCalendar {
    public static final ZoneId ZONE = org.gridgov.common.calendar.WorkingCalendar.ZONE;

    private WorkingCalendar() {
    }
}
