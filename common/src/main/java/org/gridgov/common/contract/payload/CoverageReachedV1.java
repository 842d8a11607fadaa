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
        OffsetDateTime reachedAt) {
}
