package org.gridgov.common.contract;

/**
 * The item types of the five steps (受理登记 → 分流交办 → 限时办结 → 回访反馈 → 跟踪问效): {@code itemType} of an event and of
 * {@link org.gridgov.common.contract.payload.EventLifecycleV1}; on the wire, the constant's name. An event starts IMMEDIATE or
 * PROMISED; later it takes the type of the last of 补办, 上报 and 挂账 that happened to it (an IMMEDIATE item stays IMMEDIATE).
 */
public enum ItemType {
    /** 即办件: solved on the spot by the grid worker who reported it; never dispatched, never late */
    IMMEDIATE,
    /** 承诺件: dispatched with a deadline (the default) */
    PROMISED,
    /** 补办件: waited for the reporter's missing material, the task's clock paused (within a limit) */
    SUPPLEMENTARY,
    /** 上报件: escalated to the tier above (上报, or overdue below the street); the type follows the escalation */
    REPORTED_UP,
    /** 挂账: parked as cannot be solved now, with a reason, a review date and a supervisor's approval */
    PARKED
}
