package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A supervision notice (督办) a supervisor issued for an open task, before its deadline or after
 * it. Key: the event id; {@code ce_handlerunit} names the unit the notice is for.
 *
 * @param noticeId  the notice
 * @param overdue   whether the task's deadline had passed when the notice was issued
 * @param deadline  the task's deadline when the notice was issued
 */
public record SupervisionNoticeV1(UUID noticeId, UUID taskId, UUID eventId, String handlerUnit, String tier, String issuedBy,
        OffsetDateTime issuedAt, String note, OffsetDateTime deadline, boolean overdue) implements TypedPayload {
    @Override
    public String key() {
        return eventId.toString();
    }

    @Override
    public org.gridgov.common.contract.EventType eventType() {
        return org.gridgov.common.contract.EventType.TASK_SUPERVISED;
    }
}
