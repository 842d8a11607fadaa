package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;

/**
 * Every active household of a grid has been visited in a month (全覆盖, 一户不漏), announced by the
 * visit that completed it. Key: the grid code.
 *
 * @param period the month, yyyy-MM in Asia/Shanghai
 */
public record CoverageReachedV1(
        String gridCode,
        String period,
        int households,
        OffsetDateTime reachedAt) implements TypedPayload {
    @Override
    public org.gridgov.common.contract.EventType eventType() {
        return org.gridgov.common.contract.EventType.COVERAGE_REACHED;
    }

    @Override
    public String key() {
        return gridCode;
    }

    @Override
    public String subject() {
        return gridCode + ":" + period;
    }
}
