package org.gridgov.event.task;

import java.time.OffsetDateTime;

import org.gridgov.common.contract.payload.SupervisionNoticeV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.contract.payload.TaskExtensionV1;
import org.gridgov.event.lifecycle.TaskUpdates;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.TimelineEntry;
import org.gridgov.event.lifecycle.Transition;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Puts on the event's timeline what happens to its task without changing its status: the
 * warning, the deadline passing, supervision notices (督办), extension requests and their
 * decisions, and the clock running again after rework (which moves the deadline but is no
 * extension). Each is a timeline entry only: the status stays, nothing is announced. A fact the
 * event's status no longer allows is left out, as a late duplicate would be.
 */
@ApplicationScoped
public class TaskTimeline {
    private static final Logger LOG = Logger.getLogger(TaskTimeline.class);
    static final String SERVICE = "escalation-service";

    @Inject
    TaskUpdates events;

    @Transactional(Transactional.TxType.MANDATORY)
    public void warning(TaskDeadlineV1 d) {
        write(d.eventId(), Transition.WARN, SERVICE, "预警: " + d.handlerUnit() + ", due " + d.deadline());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void overdue(TaskDeadlineV1 d) {
        write(d.eventId(), Transition.OVERDUE, SERVICE, "超期: " + d.handlerUnit() + " missed " + d.deadline());
        events.overdue(d);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void supervised(SupervisionNoticeV1 n) {
        write(n.eventId(), Transition.SUPERVISE, n.issuedBy(), "督办 to " + n.handlerUnit() + (n.overdue() ? " (overdue)" : "")
                + ": " + n.note());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void extensionRequested(TaskExtensionV1 x) {
        write(x.eventId(), Transition.REQUEST_EXTENSION, x.requestedBy(), x.workingDays() + " working day(s) asked by " + x.handlerUnit()
                + ": " + x.reason());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void extensionDecided(TaskExtensionV1 x) {
        boolean approved = "APPROVED".equals(x.status());
        write(x.eventId(), approved ? Transition.APPROVE_EXTENSION : Transition.REFUSE_EXTENSION, x.decidedBy(),
                x.workingDays() + " working day(s) " + (approved ? "approved, due " + x.deadline() : "refused")
                        + (x.note() == null || x.note().isBlank() ? "" : ": " + x.note()));
    }

    /**
     * A deadline change: the clock resuming after rework or after a wait (补办件, 挂账) here, an approved
     * extension as before (EXTEND). The deadline follows even when the step is left off the timeline.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadlineChanged(TaskDeadlineV1 d) {
        boolean rework = TaskDeadlineV1.REWORK.equals(d.cause());
        if (!rework && !TaskDeadlineV1.PAUSE.equals(d.cause())) {
            events.deadlineChanged(d);
            return;
        }
        EventRecord e = write(d.eventId(), Transition.RESUME_CLOCK, SERVICE, "the clock runs again after "
                + (rework ? "rework" : "the wait") + "; due " + d.deadline() + " (" + d.handlerUnit() + ")");
        if (e == null) {
            e = EventRecord.findById(d.eventId(), LockModeType.PESSIMISTIC_WRITE);
        }
        if (e != null && e.status.open()) {
            e.deadline = d.deadline();
        }
    }

    private EventRecord write(java.util.UUID eventId, Transition t, String actor, String note) {
        EventRecord e = EventRecord.findById(eventId, LockModeType.PESSIMISTIC_WRITE);
        if (e == null || !t.allowedFrom(e.status)) {
            LOG.infof("%s for event %s left out (%s)", t, eventId, e == null ? "unknown event" : e.status);
            return null;
        }
        OffsetDateTime at = org.gridgov.common.clock.SuiteClock.now();
        TimelineEntry s = new TimelineEntry();
        s.eventId = e.id;
        s.action = t;
        s.fromStatus = e.status;
        s.toStatus = e.status;
        s.actor = actor == null ? SERVICE : actor;
        s.note = note.length() > 4000 ? note.substring(0, 4000) : note;
        s.at = at;
        s.persist();
        e.updatedAt = at;
        return e;
    }
}
