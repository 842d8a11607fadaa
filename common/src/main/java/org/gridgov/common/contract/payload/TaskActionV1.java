package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a handler unit did with its task: accepted, progressed, returned (退回) or resolved. Key: the event id.
 *
 * @param evidence      URLs of photos or files backing the action
 * @param evidenceFiles the same with type, size and SHA-256 where the unit gave them (added within v1; empty when none)
 * @param openPartsReason on RESOLVED: why the lead resolved while parts of cooperating departments (联动) were not done;
 *                        null when every part was done or there were none (added within v1)
 */
public record TaskActionV1(UUID taskId, UUID eventId, String handlerUnit, String action, String actor, String note,
        List<String> evidence, OffsetDateTime at, List<EvidenceV1> evidenceFiles, String openPartsReason) implements Payload {
    /** Without an open-parts reason. */
    public TaskActionV1(UUID taskId, UUID eventId, String handlerUnit, String action, String actor, String note,
            List<String> evidence, OffsetDateTime at, List<EvidenceV1> evidenceFiles) {
        this(taskId, eventId, handlerUnit, action, actor, note, evidence, at, evidenceFiles, null);
    }

    @Override
    public String key() {
        return eventId.toString();
    }
}
