package org.gridgov.event.lifecycle;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.ItemType;
import org.gridgov.common.contract.TaskKind;
import org.gridgov.common.contract.payload.EvidenceV1;
import org.gridgov.common.contract.payload.TaskActionV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.event.evidence.Evidence;
import org.gridgov.event.evidence.EvidenceOwnership;
import org.gridgov.event.evidence.EvidencePolicy;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Applies what escalation-service decided about an event's task (dispatch, escalation, the handler unit's actions,
 * a moved deadline) to the event, in the consumer's transaction. A fact the event's state no longer allows is
 * ignored, as a late duplicate would be.
 */
@ApplicationScoped
public class TaskUpdates {
    private static final Logger LOG = Logger.getLogger(TaskUpdates.class);

    @Inject
    TimelineWriter timeline;

    @Inject
    EvidencePolicy evidencePolicy;

    @Inject
    EvidenceOwnership evidenceOwnership;

    @Inject
    org.gridgov.event.cooperation.CooperationParts parts;

    /** A handler unit got the task (from escalation-service). Duplicates and stale dispatches are ignored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dispatched(TaskDispatchedV1 task) {
        EventRecord e = EventRecord.findById(task.eventId(), LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            LOG.warnf("dispatch for unknown event %s ignored", task.eventId());
            return;
        }
        boolean escalation = task.escalatedFrom() != null && Transition.ESCALATE.allowedFrom(e.status);
        if (!escalation && !Transition.DISPATCH.allowedFrom(e.status)) {
            LOG.infof("dispatch of %s while %s ignored", e.id, e.status);
            return;
        }
        e.handlerUnit = task.handlerUnit();
        e.deadline = task.deadline();
        String coop = task.cooperatingUnits() == null || task.cooperatingUnits().isEmpty() ? "" : " with " + task.cooperatingUnits();
        Transition t = !escalation ? Transition.DISPATCH : task.kind() == TaskKind.ESCALATION || task.kind() == null
                ? Transition.ESCALATE : Transition.REASSIGN;
        if (t == Transition.ESCALATE && !ItemType.IMMEDIATE.name().equals(e.itemType)) {
            e.itemType = ItemType.REPORTED_UP.name(); // 上报件: the item type follows the escalation to the tier above
        }
        parts.dispatched(task);
        timeline.step(e, t, "escalation-service",
                (escalation ? "escalated from " + task.escalatedFrom() + " to " : "dispatched to ") + task.handlerUnit() + coop
                        + " (" + task.tier() + "), due " + task.deadline() + "; " + task.reason(), null, null);
    }

    /**
     * What the handler unit did with its task, as escalation-service announces it (the same for
     * REST and partner departments' Kafka replies). A fact the event's state no longer allows is
     * ignored, as a late duplicate would be.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void taskAction(EventType type, TaskActionV1 a) {
        EventRecord e = EventRecord.findById(a.eventId(), LockModeType.PESSIMISTIC_WRITE);
        Transition t = switch (type) {
            case TASK_ACCEPTED -> Transition.HANDLER_ACCEPT;
            case TASK_PROGRESSED -> Transition.PROGRESS;
            case TASK_RETURNED -> Transition.RETURN;
            case TASK_RESOLVED -> Transition.RESOLVE;
            default -> null;
        };
        if (e == null || t == null || !t.allowedFrom(e.status)) {
            LOG.infof("%s for event %s ignored (%s)", type, a.eventId(), e == null ? "unknown event" : e.status);
            return;
        }
        if (t == Transition.RESOLVE) {
            if (a.openPartsReason() != null && !a.openPartsReason().isBlank()) {
                // 联动: escalation-service let the lead resolve with parts not done because it said why
                parts.recordReason(e, a.actor() == null ? a.handlerUnit() : a.actor(), parts.openParts(e.id), a.openPartsReason());
            }
            e.resolvedAt = TimelineWriter.now();
        }
        Handling h = handlingEvidence(a.evidence(), a.evidenceFiles(), a.actor());
        handlingStep(e, t, a.actor() == null ? a.handlerUnit() : a.actor(), (a.note() == null ? "" : a.note()) + h.mentioned(), h);
    }

    /** The evidence of a handling step: the files kept as evidence, and a note suffix naming the URLs that are not. */
    public record Handling(List<Evidence> files, String mentioned) {
    }

    /**
     * Files with their metadata become the step's evidence; a type this service does not keep, and bare URLs, stay in
     * the note. A file kept here counts as evidence only when the actor uploaded it: citing another's file grants no
     * access to it.
     */
    public Handling handlingEvidence(List<String> urls, List<EvidenceV1> given, String actor) {
        List<Evidence> files = new java.util.ArrayList<>();
        List<String> mentioned = new java.util.ArrayList<>(urls == null ? List.of() : urls);
        for (EvidenceV1 f : given == null ? List.<EvidenceV1> of() : given) {
            if (f != null && f.invalid() == null && evidencePolicy.accepted(f.contentType()) != null && f.size() <= evidencePolicy.maxBytes()
                    && !evidenceOwnership.notOwnFile(f.url(), actor)) {
                files.add(new Evidence(f.url(), f.contentType(), f.size(), f.sha256()));
                mentioned.remove(f.url());
            } else if (f != null && f.url() != null && !mentioned.contains(f.url())) {
                mentioned.add(f.url());
            }
        }
        return new Handling(files, mentioned.isEmpty() ? "" : " [evidence: " + String.join(", ", mentioned) + "]");
    }

    /** A step of the handling on the timeline, with its files as HANDLING evidence. */
    public void handlingStep(EventRecord e, Transition t, String actor, String note, Handling h) {
        timeline.step(e, t, actor, note, h.files().isEmpty() ? null : h.files(), h.files().isEmpty() ? null : EvidenceEntry.Stage.HANDLING);
    }

    /** A task of the event went overdue: the event is late from now on, whoever solves it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void overdue(TaskDeadlineV1 d) {
        EventRecord e = EventRecord.findById(d.eventId(), LockModeType.PESSIMISTIC_WRITE);
        if (e != null && e.overdueAt == null && e.status.open()) {
            e.overdueAt = d.at() != null ? d.at() : TimelineWriter.now();
        }
    }

    /** An approved extension moved the task's deadline. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadlineChanged(TaskDeadlineV1 d) {
        EventRecord e = EventRecord.findById(d.eventId(), LockModeType.PESSIMISTIC_WRITE);
        if (e == null || !Transition.EXTEND.allowedFrom(e.status)) {
            return;
        }
        e.deadline = d.deadline();
        timeline.step(e, Transition.EXTEND, "escalation-service", "deadline moved to " + d.deadline() + " (" + d.handlerUnit() + ")", null, null);
    }

}
