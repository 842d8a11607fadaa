package org.gridgov.event.cooperation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.payload.CooperationPartV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.problem.OpenParts;
import org.gridgov.common.security.Jurisdiction;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.TaskUpdates;
import org.gridgov.event.lifecycle.TimelineWriter;
import org.gridgov.event.lifecycle.Transition;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * 联动 on the event: the parts of the departments cooperating on its task, kept from escalation-service's facts
 * (the dispatch's {@code cooperatingUnits}, then cooperation-accepted, -progressed and -done), each change on the
 * timeline (COOPERATE, with the part's evidence). The lead resolves only when the parts of the latest dispatch are
 * done, or says why not ({@link #checkResolvable}); a department with a part reads the event. Facts come once per
 * CloudEvent (the consumer's inbox); a late one the event's state no longer allows is left off the timeline.
 */
@ApplicationScoped
public class CooperationParts {
    private static final Logger LOG = Logger.getLogger(CooperationParts.class);

    @Inject
    EntityManager em;

    @Inject
    TimelineWriter timeline;

    @Inject
    TaskUpdates tasks;

    /** A dispatch: its cooperating units get OPEN parts; the parts of earlier dispatches are no longer current. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dispatched(TaskDispatchedV1 task) {
        em.createNativeQuery("update cooperation_part set current = false where event_id = :e and task_id <> :t")
                .setParameter("e", task.eventId()).setParameter("t", task.taskId()).executeUpdate();
        for (String unit : task.cooperatingUnits() == null ? List.<String> of() : task.cooperatingUnits()) {
            em.createNativeQuery("insert into cooperation_part (task_id, unit, event_id, status, current, updated_at) "
                    + "values (:t, :u, :e, 'OPEN', true, :at) on conflict do nothing").setParameter("t", task.taskId())
                    .setParameter("u", unit.startsWith("DEPT:") ? unit : "DEPT:" + unit).setParameter("e", task.eventId())
                    .setParameter("at", task.dispatchedAt() != null ? task.dispatchedAt() : now()).executeUpdate();
        }
    }

    /** A cooperating department accepted, progressed or finished its part. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(CooperationPartV1 p) {
        EventRecord e = EventRecord.findById(p.eventId(), LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            LOG.infof("cooperation fact for unknown event %s ignored", p.eventId());
            return;
        }
        OffsetDateTime at = p.at() != null ? p.at() : now();
        em.createNativeQuery("insert into cooperation_part (task_id, unit, event_id, status, current, updated_at) "
                + "values (:t, :u, :e, :s, not exists (select 1 from cooperation_part o where o.event_id = :e and o.task_id <> :t "
                + "and o.current), :at) on conflict (task_id, unit) do update set status = excluded.status, updated_at = excluded.updated_at")
                .setParameter("t", p.taskId()).setParameter("u", p.unit()).setParameter("e", p.eventId()).setParameter("s", p.status())
                .setParameter("at", at).executeUpdate();
        if (!Transition.COOPERATE.allowedFrom(e.status)) {
            LOG.infof("cooperation fact of %s for event %s left off the timeline (%s)", p.unit(), e.id, e.status);
            return;
        }
        TaskUpdates.Handling h = tasks.handlingEvidence(p.evidence(), p.evidenceFiles(), p.actor());
        String note = "联动 " + p.unit() + " " + switch (p.action()) {
            case CooperationPartV1.ACCEPTED -> "accepted its part";
            case CooperationPartV1.DONE -> "finished its part";
            default -> "progress on its part";
        } + (p.note() == null || p.note().isBlank() ? "" : ": " + p.note()) + h.mentioned()
                + (p.openParts() == null || p.openParts().isEmpty() ? "; every part done" : "; open parts: " + String.join(", ", p.openParts()));
        tasks.handlingStep(e, Transition.COOPERATE, p.actor() == null ? p.unit() : p.actor(), note, h);
    }

    /** {@code DEPT:<code> (STATUS)} of each part of the latest dispatch that is not done */
    public List<String> openParts(UUID eventId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select unit, status from cooperation_part where event_id = :e and current "
                + "and status <> 'DONE' order by unit").setParameter("e", eventId).getResultList();
        return rows.stream().map(r -> r[0] + " (" + r[1] + ")").toList();
    }

    /** A part of each cooperating unit, current first: unit, status, updated at. */
    public List<Part> parts(UUID eventId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select unit, status, current, updated_at, task_id from cooperation_part "
                + "where event_id = :e order by current desc, updated_at, unit").setParameter("e", eventId).getResultList();
        return rows.stream().map(r -> new Part((String) r[0], (String) r[1], (Boolean) r[2],
                org.gridgov.common.tx.Transactions.offset(r[3]), (UUID) r[4])).toList();
    }

    /** A cooperating department's part of one of the event's tasks. */
    public record Part(String unit, String status, boolean current, OffsetDateTime updatedAt, UUID taskId) {
    }

    /**
     * Before the lead resolves: every part of the latest dispatch is done, or a reason says why not; the reason goes
     * on the timeline.
     *
     * @throws org.gridgov.common.problem.ProblemException 409 naming the open parts
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkResolvable(EventRecord e, String actor, String reason) {
        List<String> open = openParts(e.id);
        String given = OpenParts.check(open, reason);
        if (given != null) {
            recordReason(e, actor, open, given);
        }
    }

    /** The lead resolved with parts not done, for the reason given: on the timeline before the resolution. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordReason(EventRecord e, String actor, List<String> open, String reason) {
        if (Transition.COOPERATE.allowedFrom(e.status)) {
            timeline.step(e, Transition.COOPERATE, actor, "resolved with the parts of " + (open.isEmpty() ? "cooperating departments"
                    : String.join(", ", open)) + " not done: " + reason, null, null);
        }
    }

    /** whether one of the caller's departments has (or had) a part in the event's tasks */
    public boolean cooperates(Jurisdiction j, UUID eventId) {
        if (j.departments().isEmpty()) {
            return false;
        }
        return !em.createNativeQuery("select 1 from cooperation_part where event_id = :e and unit in (:u)").setParameter("e", eventId)
                .setParameter("u", j.departmentUnits()).setMaxResults(1).getResultList().isEmpty();
    }

    private static OffsetDateTime now() {
        return org.gridgov.common.clock.SuiteClock.now();
    }
}
