package org.gridgov.common.contract.payload;

import java.util.List;
import java.util.UUID;

/**
 * A partner department's reply about its task, on the department's own reply topic
 * {@code gridgov.dept.<code>.reply.v1} ({@link org.gridgov.common.contract.Topics#departmentReplies(String)});
 * the CloudEvents type says what it does (accepted, progressed, returned, resolved). Key: the
 * event id. Only that department may write its reply topic, so the topic names the sender. A
 * reply from an unknown department, naming another department than its topic's, for an event the
 * department holds no open task of, or of an unknown type goes to the dead-letter topic with the
 * reason; none is dropped silently.
 *
 * @param departmentCode optional: the replying department's code without {@code DEPT:}; when
 *                       given, it must be the department of the topic the reply is written on
 *                       (else the reply is dead-lettered); when null, the topic's department is used
 * @param note           progress note, return reason (required for a return) or resolution
 * @param evidence       URLs of photos or files backing the reply (kept for older senders; prefer evidenceFiles)
 * @param evidenceFiles  photos or files backing the reply, with type, size and SHA-256, recorded on the
 *                       event's timeline as evidence of the handling; at most 9 (added within v1)
 * @param openPartsReason on the lead's resolved reply: why it resolves while parts of cooperating departments
 *                        (联动) are not done; without it such a reply is refused (added within v1). A department
 *                        cooperating on the event's open task replies about its own part (resolved: its part is done)
 */
public record DepartmentReplyV1(UUID eventId, UUID taskId, String departmentCode, String note, List<String> evidence,
        List<EvidenceV1> evidenceFiles, String openPartsReason) implements Payload {
    /** Without an open-parts reason. */
    public DepartmentReplyV1(UUID eventId, UUID taskId, String departmentCode, String note, List<String> evidence,
            List<EvidenceV1> evidenceFiles) {
        this(eventId, taskId, departmentCode, note, evidence, evidenceFiles, null);
    }

    @Override
    public String key() {
        return eventId == null ? null : eventId.toString();
    }
}
