package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A deadline fact of a task: the warning (by default at 80% of the allowed time) or the deadline
 * passing. Key: the event id; {@code ce_handlerunit} names the unit.
 */
public record TaskDeadlineV1(
        UUID taskId,
        UUID eventId,
        String handlerUnit,
        org.gridgov.common.contract.Tier tier,
        OffsetDateTime dispatchedAt,
        OffsetDateTime deadline,
        OffsetDateTime at) implements Payload {
    @Override
    public String key() {
        return eventId.toString();
    }
}
