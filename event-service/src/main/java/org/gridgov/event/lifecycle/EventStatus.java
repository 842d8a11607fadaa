package org.gridgov.event.lifecycle;

import java.util.EnumSet;
import java.util.Set;

/** Where an event stands in the closed loop (闭环). */
public enum EventStatus {
    /** 上报: received, possibly not yet located to a grid; waits for 立案 unless its channel needs no screening */
    REPORTED,
    /** 立案: a valid case, to be dispatched once located */
    ACCEPTED,
    /** 不予立案: not a case for the grid (the reason is in the timeline); final */
    REJECTED,
    /** 合并: a duplicate, linked to the first report of the same problem; final (the reporter follows the first) */
    MERGED,
    /** 分流交办: a handler unit has it with a deadline */
    DISPATCHED,
    /** 办理中: being handled (again, after rework) */
    IN_PROGRESS,
    /**
     * 补办件: waiting for the reporter's missing material; the task's clock is paused, at most
     * {@code gridgov.event.supplement.max-working-days}
     */
    WAITING_MATERIAL,
    /** 挂账: cannot be solved now; parked with a reason and a review date, approved by a supervisor; the task's clock is paused */
    PARKED,
    /** 办结: the handler says it is solved */
    RESOLVED,
    /** 核查通过: the grid worker checked on site that it is solved */
    VERIFIED,
    /** 回访: the reporter rated it */
    FOLLOWED_UP,
    /** 重新打开: the reporter was not satisfied; goes to dispatch again */
    REOPENED,
    /** 销号 */
    CLOSED;

    /** States nothing happens in any more: not open, not on the board. */
    public static final Set<EventStatus> FINAL = EnumSet.of(REJECTED, MERGED, CLOSED);

    public boolean open() {
        return !FINAL.contains(this);
    }
}
