package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A deadline fact of a task: the warning (by default at 80% of the allowed time) or the deadline
 * passing, or the deadline moved. Key: the event id; {@code ce_handlerunit} names the unit.
 *
 * @param cause for a deadline change: EXTENSION (an approved 延期), REWORK (the clock runs again after
 *              rework with the stopped time added) or PAUSE (the clock runs again after the event waited for
 *              the reporter's material, 补办件, or was parked, 挂账, with the waiting time added); null for warnings
 *              and overdue notices (added within v1; a change without it is an extension)
 */
public record TaskDeadlineV1(
        UUID taskId,
        UUID eventId,
        String handlerUnit,
        org.gridgov.common.contract.Tier tier,
        OffsetDateTime dispatchedAt,
        OffsetDateTime deadline,
        OffsetDateTime at,
        String cause) implements Payload {
    /** a deadline change after an approved extension */
    public static final String EXTENSION = "EXTENSION";
    /** a deadline change when the clock runs again after rework */
    public static final String REWORK = "REWORK";
    /** a deadline change when the clock runs again after the event waited (补办件) or was parked (挂账) */
    public static final String PAUSE = "PAUSE";

    @Override
    public String key() {
        return eventId.toString();
    }
}
