package org.gridgov.event.followup;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.config.EventConfig;
import org.gridgov.event.lifecycle.EventReads;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventStatus;
import org.gridgov.event.lifecycle.TimelineWriter;
import org.gridgov.event.lifecycle.Transition;
import org.gridgov.event.followup.FollowUpAttempt.Outcome;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * 回访 that ends. The follow-up queue records every call attempt (who, when, outcome). A verified event whose
 * follow-up reached nobody after {@code gridgov.event.follow-up.max-attempts} unanswered attempts, or
 * {@code max-working-days} working days after its verification ({@link FollowUpSweep}), is closed as 回访未果:
 * status CLOSED, no rating, {@code followUpOutcome} NO_ANSWER, counted apart in the statistics.
 */
@ApplicationScoped
public class FollowUpCalls {
    /** the value of {@code followUpOutcome} for 回访未果 */
    public static final String NO_ANSWER = "NO_ANSWER";

    @Inject
    EventReads reads;

    @Inject
    TimelineWriter timeline;

    @Inject
    EventConfig config;

    @Inject
    EntityManager em;

    /** The attempts of an event's follow-up, and how many unanswered ones are left before 回访未果. */
    public record Attempts(UUID eventId, EventStatus status, String followUpOutcome, int unansweredLeft, List<Attempt> attempts) {
    }

    public record Attempt(String caller, OffsetDateTime calledAt, Outcome outcome, String note) {
    }

    /**
     * Records a call that did not get a rating; the last one allowed closes the event as 回访未果.
     *
     * @throws ProblemException 400 for ANSWERED (a call that got an answer is recorded with its rating), 409 when
     *                          the event is not waiting for its follow-up
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Attempts unanswered(UUID id, String caller, Outcome outcome, String note) {
        if (outcome == Outcome.ANSWERED) {
            throw ProblemException.invalid("outcome", "an answered call is recorded with its rating: POST /events/{id}/follow-up");
        }
        EventRecord e = reads.load(id);
        if (e.status != EventStatus.VERIFIED) {
            throw ProblemException.conflict("event " + id + " is " + e.status + "; follow-up calls are made while it is VERIFIED");
        }
        add(id, caller, outcome, note);
        int unanswered = unansweredSinceVerified(e);
        int max = config.followUp().maxAttempts();
        if (unanswered >= max) {
            closeNoAnswer(e, caller, unanswered + " call attempts without an answer");
        }
        return of(e);
    }

    /** An operator's call got the reporter's rating: recorded as ANSWERED. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void answered(UUID id, String caller) {
        add(id, caller, Outcome.ANSWERED, null);
    }

    /** The attempts since the event was last verified (a reworked or reopened event starts its follow-up again). */
    public Attempts of(EventRecord e) {
        List<FollowUpAttempt> all = FollowUpAttempt.list("eventId", Sort.by("calledAt").and("id"), e.id);
        int left = e.status == EventStatus.VERIFIED ? Math.max(0, config.followUp().maxAttempts() - unansweredSinceVerified(e)) : 0;
        return new Attempts(e.id, e.status, e.followUpOutcome, left,
                all.stream().map(a -> new Attempt(a.caller, a.calledAt, a.outcome, a.note)).toList());
    }

    /** Closes the verified event as 回访未果. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeNoAnswer(EventRecord e, String actor, String why) {
        e.followUpOutcome = NO_ANSWER;
        e.closedAt = OffsetDateTime.now(ZoneOffset.UTC);
        timeline.step(e, Transition.CLOSE_NO_ANSWER, actor, "回访未果 (no answer): " + why, null, null);
    }

    /** when the event was last verified (its follow-up began), or null */
    public OffsetDateTime verifiedAt(UUID id) {
        return em.createQuery("select max(t.at) from TimelineEntry t where t.eventId = :id and t.action = :verify", OffsetDateTime.class)
                .setParameter("id", id).setParameter("verify", Transition.VERIFY).getSingleResult();
    }

    private int unansweredSinceVerified(EventRecord e) {
        OffsetDateTime since = verifiedAt(e.id);
        return ((Number) em.createQuery("select count(a) from FollowUpAttempt a where a.eventId = :id and a.outcome <> :answered "
                + "and a.calledAt >= :since").setParameter("id", e.id).setParameter("answered", Outcome.ANSWERED)
                .setParameter("since", since == null ? OffsetDateTime.parse("1970-01-01T00:00Z") : since).getSingleResult()).intValue();
    }

    private void add(UUID id, String caller, Outcome outcome, String note) {
        FollowUpAttempt a = new FollowUpAttempt();
        a.eventId = id;
        a.caller = caller;
        a.calledAt = OffsetDateTime.now(ZoneOffset.UTC);
        a.outcome = outcome;
        a.note = note == null || note.isBlank() ? null : note.strip();
        a.persist();
    }
}
