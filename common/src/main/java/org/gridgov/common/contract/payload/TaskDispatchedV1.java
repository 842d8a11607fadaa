package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A task given to a handler unit with its deadline. Key: the event id. The CloudEvents extension
 * attribute {@code handlerunit} repeats {@link #handlerUnit()} so that a department's consumer can
 * select its own tasks from the record headers without parsing payloads.
 *
 * @param handlerUnit unit code, e.g. {@code GRID:350182001001001} or {@code DEPT:police}
 * @param tier        GRID, COMMUNITY, STREET
 * @param rule        id and version of the routing rule that chose the handler, e.g. {@code default-grid@1}
 * @param reason      why that rule matched, in words
 * @param cooperatingUnits departments that join the lead unit (联动), e.g. {@code DEPT:urban-management}
 * @param escalatedFrom the unit that had the event before, for any dispatch but the first
 * @param kind        DISPATCH (first), ESCALATION (上报 or overdue), REROUTE (after a return, 退回) or ASSIGNMENT (by a dispatcher)
 */
public record TaskDispatchedV1(
        UUID taskId,
        UUID eventId,
        String category,
        String gridCode,
        String handlerUnit,
        org.gridgov.common.contract.Tier tier,
        String rule,
        String reason,
        OffsetDateTime dispatchedAt,
        OffsetDateTime deadline,
        java.util.List<String> cooperatingUnits,
        String escalatedFrom,
        org.gridgov.common.contract.TaskKind kind) implements TypedPayload {
    @Override
    public org.gridgov.common.contract.EventType eventType() {
        return org.gridgov.common.contract.EventType.TASK_DISPATCHED;
    }

    @Override
    public String key() {
        return eventId.toString();
    }
}
