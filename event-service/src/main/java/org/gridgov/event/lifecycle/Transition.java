package org.gridgov.event.lifecycle;

import static org.gridgov.event.lifecycle.EventStatus.*;

import java.util.EnumSet;
import java.util.Set;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.problem.ProblemException;

/**
 * The lifecycle's state machine: each transition, the states it is allowed from, the state it
 * leads to and the CloudEvent type announcing it (none for the facts of the handling that only
 * go on the timeline).
 */
public enum Transition {
    REPORT(EnumSet.noneOf(EventStatus.class), REPORTED, EventType.EVENT_REPORTED),
    LOCATE(EnumSet.of(REPORTED, ACCEPTED, REOPENED), null, EventType.EVENT_LOCATED),
    /** 立案 */
    ACCEPT(EnumSet.of(REPORTED), ACCEPTED, EventType.EVENT_ACCEPTED),
    /** 不予立案, with a reason */
    REJECT(EnumSet.of(REPORTED), REJECTED, EventType.EVENT_REJECTED),
    /** linked to the first report of the same problem */
    MERGE(EnumSet.of(REPORTED), MERGED, EventType.EVENT_MERGED),
    /** 即办件: fixed by the grid worker who reported it */
    SOLVE_ON_SPOT(EnumSet.of(ACCEPTED), RESOLVED, EventType.EVENT_SOLVED_ON_SPOT),
    DISPATCH(EnumSet.of(ACCEPTED, REOPENED), DISPATCHED, EventType.EVENT_DISPATCHED),
    /** the next tier took the task over (上报, or overdue); the status does not change */
    ESCALATE(EnumSet.of(DISPATCHED, IN_PROGRESS), null, EventType.EVENT_ESCALATED),
    /** another unit at the same tier took the task over (after a return, or by a dispatcher); the status does not change */
    REASSIGN(EnumSet.of(DISPATCHED, IN_PROGRESS), null, EventType.EVENT_REASSIGNED),
    /** the handler unit accepted the task and works on it */
    HANDLER_ACCEPT(EnumSet.of(DISPATCHED), IN_PROGRESS, EventType.EVENT_HANDLER_ACCEPTED),
    /** the handler added progress */
    PROGRESS(EnumSet.of(DISPATCHED, IN_PROGRESS), null, EventType.EVENT_PROGRESSED),
    /** 退回: the handler unit returned the task */
    RETURN(EnumSet.of(DISPATCHED, IN_PROGRESS), null, EventType.EVENT_RETURNED),
    /** 延期: an approved extension moved the deadline */
    EXTEND(EnumSet.of(DISPATCHED, IN_PROGRESS), null, EventType.EVENT_DEADLINE_EXTENDED),
    RESOLVE(EnumSet.of(DISPATCHED, IN_PROGRESS), RESOLVED, EventType.EVENT_RESOLVED),
    /** 补办件: the handler asks the reporter for missing material; the task's clock stops */
    REQUEST_MATERIAL(EnumSet.of(DISPATCHED, IN_PROGRESS), WAITING_MATERIAL, EventType.EVENT_MATERIAL_REQUESTED),
    /** the reporter (or an operator for a hotline caller) supplied the material; the clock runs again */
    SUPPLY_MATERIAL(EnumSet.of(WAITING_MATERIAL), IN_PROGRESS, EventType.EVENT_MATERIAL_WAIT_ENDED),
    /** the wait for material reached its limit without it; the clock runs again and the handler goes on */
    MATERIAL_LIMIT_REACHED(EnumSet.of(WAITING_MATERIAL), IN_PROGRESS, EventType.EVENT_MATERIAL_WAIT_ENDED),
    /** 挂账 asked for by the handler, with a reason and a review date; the status does not change */
    REQUEST_PARKING(EnumSet.of(DISPATCHED, IN_PROGRESS), null, EventType.EVENT_PARKING_REQUESTED),
    /** a supervisor approved the parking: 挂账; the task's clock stops */
    PARK(EnumSet.of(DISPATCHED, IN_PROGRESS), PARKED, EventType.EVENT_PARKED),
    /** a supervisor refused the parking; the status does not change */
    REFUSE_PARKING(EnumSet.of(DISPATCHED, IN_PROGRESS), null, EventType.EVENT_PARKING_REFUSED),
    /** reviewed: taken out of 挂账 and handled again; the clock runs again */
    UNPARK(EnumSet.of(PARKED), IN_PROGRESS, EventType.EVENT_UNPARKED),
    VERIFY(EnumSet.of(RESOLVED), VERIFIED, EventType.EVENT_VERIFIED),
    REWORK(EnumSet.of(RESOLVED), IN_PROGRESS, EventType.EVENT_REWORK_REQUESTED),
    FOLLOW_UP(EnumSet.of(VERIFIED), FOLLOWED_UP, EventType.EVENT_FOLLOWED_UP),
    /**
     * 回访 of a duplicate's reporter: her rating of the report hers was merged into, kept on her own (merged)
     * report; the status does not change and the first report is not moved by it
     */
    RATE_AS_DUPLICATE(EnumSet.of(MERGED), null, EventType.EVENT_FOLLOWED_UP),
    REOPEN(EnumSet.of(FOLLOWED_UP), REOPENED, EventType.EVENT_REOPENED),
    CLOSE(EnumSet.of(FOLLOWED_UP), CLOSED, EventType.EVENT_CLOSED),
    /** 即办件 found on patrol have no reporter to ask: closed once verified on site */
    CLOSE_WITHOUT_FOLLOW_UP(EnumSet.of(VERIFIED), CLOSED, EventType.EVENT_CLOSED),
    /**
     * 回访未果: the follow-up call reached nobody within the attempts or working days allowed; closed without a rating
     * ({@code followUpOutcome} NO_ANSWER), counted apart from the ratings
     */
    CLOSE_NO_ANSWER(EnumSet.of(VERIFIED), CLOSED, EventType.EVENT_CLOSED),

    // Facts of the handling recorded on the timeline from escalation-service's task facts
    // (task.TaskTimeline): they keep the status and are not announced again.
    /** 预警: the task reached the warning share of its time */
    WARN(EnumSet.of(DISPATCHED, IN_PROGRESS), null, null),
    /** 超期: the task's deadline passed */
    OVERDUE(EnumSet.of(DISPATCHED, IN_PROGRESS), null, null),
    /** 督办: a supervisor's notice to the handler unit */
    SUPERVISE(EnumSet.of(DISPATCHED, IN_PROGRESS), null, null),
    /** 延期申请: the handler unit asked for more working days */
    REQUEST_EXTENSION(EnumSet.of(DISPATCHED, IN_PROGRESS), null, null),
    /** 延期同意: a supervisor approved the request (EXTEND follows with the new deadline) */
    APPROVE_EXTENSION(EnumSet.of(DISPATCHED, IN_PROGRESS), null, null),
    /** 延期驳回: a supervisor refused the request */
    REFUSE_EXTENSION(EnumSet.of(DISPATCHED, IN_PROGRESS, RESOLVED), null, null),
    /** after rework the clock runs again, the time it was stopped added to the deadline (not an extension) */
    RESUME_CLOCK(EnumSet.of(DISPATCHED, IN_PROGRESS), null, null),
    /**
     * 联动: a cooperating department accepted, progressed on or finished its part (with its evidence), or the lead
     * resolved with parts not done and said why
     */
    COOPERATE(EnumSet.of(DISPATCHED, IN_PROGRESS), null, null);

    private final Set<EventStatus> from;
    /** null: the status does not change (a fact added to the timeline) */
    private final EventStatus to;
    private final EventType announcedAs;

    Transition(Set<EventStatus> from, EventStatus to, EventType announcedAs) {
        this.from = from;
        this.to = to;
        this.announcedAs = announcedAs;
    }

    public boolean allowedFrom(EventStatus current) {
        return from.contains(current);
    }

    /** @throws ProblemException 409 naming the current state when the transition is not allowed */
    public EventStatus apply(EventStatus current) {
        if (!allowedFrom(current)) {
            throw new ProblemException(409, "Transition not allowed",
                    "the event is " + current + "; " + name() + " is allowed only from " + from, null);
        }
        return to == null ? current : to;
    }

    public EventType announcedAs() {
        return announcedAs;
    }
}
