package org.gridgov.common.contract.payload;

import java.util.UUID;

/**
 * A ledger entry written by scoring-service. Key: the subject.
 *
 * @param subject      e.g. {@code USER:resident-001} or {@code GRID:350182001001001}
 * @param rule         rule id with version, e.g. {@code valid-report@1}
 * @param sourceEvent  CloudEvents id of the message that earned the points
 * @param sourceRef    the event (or visit) the points are for
 * @param period       accounting month, {@code yyyy-MM}, Asia/Shanghai
 */
public record PointsCreditedV1(
        UUID entryId,
        String subject,
        int points,
        String rule,
        String sourceEvent,
        String sourceRef,
        String period,
        String status) implements TypedPayload {
    @Override
    public org.gridgov.common.contract.EventType eventType() {
        return org.gridgov.common.contract.EventType.POINTS_CREDITED;
    }

    @Override
    public String key() {
        return subject;
    }
}
