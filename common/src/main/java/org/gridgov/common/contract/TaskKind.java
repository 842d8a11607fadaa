package org.gridgov.common.contract;

/** How a handler unit got a task ({@code kind} of {@link org.gridgov.common.contract.payload.TaskDispatchedV1}; on the wire, the name). */
public enum TaskKind {
    /** the first dispatch of an accepted (立案) or reopened event */
    DISPATCH,
    /** the next tier took it over: 上报, or overdue below STREET */
    ESCALATION,
    /** another unit at the same tier after a return (退回) */
    REROUTE,
    /** a human dispatcher gave a task returned too often to a unit */
    ASSIGNMENT
}
