package org.gridgov.common.contract.payload;

import java.util.List;
import java.util.UUID;

/**
 * A partner department's reply about its task, on {@code gridgov.department.reply.v1}; the
 * CloudEvents type says what it does (accepted, progressed, returned, resolved). Key: the event id.
 * A reply with an unknown department, for an event the department holds no open task of, or of
 * an unknown type goes to the dead-letter topic with the reason; none is dropped silently.
 *
 * @param note     progress note, return reason (required for a return) or resolution
 * @param evidence URLs of photos or files backing the reply
 */
public record DepartmentReplyV1(UUID eventId, UUID taskId, String departmentCode, String note, List<String> evidence) {
}
