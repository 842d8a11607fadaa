package org.gridgov.event.event;

/** Where an event stands in the closed loop (闭环). */
public enum EventStatus {
    /** 上报: received, possibly not yet located to a grid */
    REPORTED,
    /** 分流交办: a handler unit has it with a deadline */
    DISPATCHED,
    /** 办理中: being handled (again, after rework) */
    IN_PROGRESS,
    /** 办结: the handler says it is solved */
    RESOLVED,
    /** 核查通过: the grid worker checked on site that it is solved */
    VERIFIED,
    /** 回访: the reporter rated it */
    FOLLOWED_UP,
    /** 重新打开: the reporter was not satisfied; goes to dispatch again */
    REOPENED,
    /** 销号 */
    CLOSED
}
