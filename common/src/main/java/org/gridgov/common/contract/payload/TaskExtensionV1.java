package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An extension request (延期) of a task: asked by the handler unit (status PENDING), then decided
 * by a supervisor (APPROVED or REFUSED). Key: the event id; {@code ce_handlerunit} names the unit.
 *
 * @param workingDays the working days asked for
 * @param deadline    the task's deadline after the fact: unchanged while pending or when refused, moved when approved
 * @param decidedBy   null while pending
 */
public record TaskExtensionV1(UUID requestId, UUID taskId, UUID eventId, String handlerUnit, int workingDays, String reason,
        String requestedBy, OffsetDateTime requestedAt, String status, String decidedBy, OffsetDateTime decidedAt, String note,
        OffsetDateTime deadline) implements Payload {
    @Override
    public String key() {
        return eventId.toString();
    }
}
