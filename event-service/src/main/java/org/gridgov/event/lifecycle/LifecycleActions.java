package org.gridgov.event.lifecycle;

import java.util.List;
import java.util.UUID;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.evidence.Evidence;
import org.gridgov.event.evidence.EvidenceOwnership;
import org.gridgov.event.evidence.EvidencePolicy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * What people do to an event over REST once it is reported: 立案 (accept, reject, merge), resolve (办结), verify on
 * site (核查) and the follow-up rating (回访). The resources check who may act; this class checks the state.
 */
@ApplicationScoped
public class LifecycleActions {
    private static final String SELF = TimelineWriter.SELF;

    @Inject
    TimelineWriter timeline;

    @Inject
    EventReads reads;

    @Inject
    EvidencePolicy evidencePolicy;

    @Inject
    EvidenceOwnership evidenceOwnership;

    @Inject
    org.gridgov.event.cooperation.CooperationParts parts;

    /**
     * 立案: accept, reject with a reason, or merge into an earlier event of the same problem.
     *
     * @throws ProblemException 409 naming the state when the event is no longer waiting for it
     */
    @Transactional
    public EventRecord decide(UUID id, String actor, Requests.Acceptance d) {
        EventRecord e = load(id);
        switch (d.decision()) {
            case ACCEPT -> {
                Transition.ACCEPT.apply(e.status);
                e.acceptedAt = now();
                return timeline.step(e, Transition.ACCEPT, actor, d.reason() == null ? "accepted (立案)" : d.reason(), null, null).event();
            }
            case REJECT -> {
                if (d.reason() == null || d.reason().isBlank()) {
                    throw ProblemException.invalid("reason", "a rejection needs a reason the reporter can read");
                }
                Transition.REJECT.apply(e.status);
                e.rejectReason = d.reason().strip();
                return timeline.step(e, Transition.REJECT, actor, e.rejectReason, null, null).event();
            }
            default -> {
                if (d.mergeInto() == null) {
                    throw ProblemException.invalid("mergeInto", "the event this one duplicates is required");
                }
                if (d.mergeInto().equals(id)) {
                    throw ProblemException.invalid("mergeInto", "an event cannot be merged into itself");
                }
                Transition.MERGE.apply(e.status);
                EventRecord first = EventRecord.findById(d.mergeInto());
                if (first == null) {
                    throw ProblemException.invalid("mergeInto", "no event " + d.mergeInto());
                }
                if (!first.status.open()) {
                    throw ProblemException.conflict("event " + first.id + " is " + first.status + "; merge into an open event");
                }
                e.mergedInto = first.id;
                return timeline.step(e, Transition.MERGE, actor, "duplicate of " + first.id + (d.reason() == null ? "" : ": " + d.reason()),
                        null, null).event();
            }
        }
    }

    @Transactional
    public EventRecord resolve(UUID id, String actor, String note, List<Evidence> evidence, String openPartsReason) {
        evidencePolicy.check(evidence, "evidence");
        evidenceOwnership.check(evidence, "evidence", actor);
        EventRecord e = load(id);
        Transition.RESOLVE.apply(e.status);
        parts.checkResolvable(e, actor, openPartsReason); // 联动: the cooperating parts are done, or the lead says why not
        e.resolvedAt = now();
        return timeline.step(e, Transition.RESOLVE, actor, note, evidence, EvidenceEntry.Stage.HANDLING).event();
    }

    @Transactional
    public EventRecord verify(UUID id, String actor, boolean passed, String note, List<Evidence> evidence) {
        evidencePolicy.check(evidence, "evidence");
        evidenceOwnership.check(evidence, "evidence", actor);
        EventRecord e = load(id);
        return timeline.step(e, passed ? Transition.VERIFY : Transition.REWORK, actor, note, evidence, EvidenceEntry.Stage.VERIFICATION).event();
    }

    /**
     * 回访: the reporter, the reporter of a duplicate merged into it, or a follow-up operator rates the
     * result. DISSATISFIED reopens; anything else closes.
     */
    @Transactional
    public EventRecord followUp(UUID id, String actor, boolean operator, Satisfaction satisfaction, String comment) {
        EventRecord e = load(id);
        if (!operator && !e.reporterId.equals(actor) && !reportedDuplicate(e.id, actor)) {
            throw ProblemException.forbidden("only a reporter of this problem or a follow-up operator rates it");
        }
        Transition.FOLLOW_UP.apply(e.status);
        e.satisfaction = satisfaction.name();
        timeline.step(e, Transition.FOLLOW_UP, actor, satisfaction + (comment == null ? "" : ": " + comment), null, null);
        if (satisfaction == Satisfaction.DISSATISFIED) {
            e.resolvedAt = null;
            return timeline.step(e, Transition.REOPEN, actor, "the reporter is not satisfied", null, null).event();
        }
        e.closedAt = now();
        return timeline.step(e, Transition.CLOSE, SELF, "closed after follow-up", null, null).event();
    }

    private EventRecord load(UUID id) {
        return reads.load(id);
    }

    private boolean reportedDuplicate(UUID eventId, String user) {
        return reads.reportedDuplicate(eventId, user);
    }

    private static java.time.OffsetDateTime now() {
        return TimelineWriter.now();
    }
}
