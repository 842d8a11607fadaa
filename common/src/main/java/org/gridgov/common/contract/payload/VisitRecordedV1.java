package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A household visit was recorded (走访纪实). Key: the household id. No personal data of the
 * household: scoring credits the visitor, supervision counts visits.
 *
 * @param mustVisitReason ILLNESS, HARDSHIP or WEDDING_FUNERAL for a 三必到 visit, else null
 * @param problemsFound   how many problems were found (each also goes out as visit-problem-found)
 */
public record VisitRecordedV1(
        UUID visitId,
        UUID householdId,
        String gridCode,
        String visitorId,
        OffsetDateTime visitedAt,
        String mustVisitReason,
        int problemsFound) implements TypedPayload {
    @Override
    public org.gridgov.common.contract.EventType eventType() {
        return org.gridgov.common.contract.EventType.VISIT_RECORDED;
    }

    @Override
    public String key() {
        return householdId.toString();
    }

    @Override
    public String subject() {
        return visitId.toString();
    }
}
