package org.gridgov.event.lifecycle;

import java.util.UUID;

import org.gridgov.common.problem.ProblemException;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * 回访 by the reporter of a duplicate merged into an event: her answer counts (it is kept on her own merged report,
 * announced, and counted in the satisfaction rate) but it neither reopens nor closes the first report, which is
 * another resident's case. Only that case's own reporter, or a follow-up operator of its place, moves it.
 */
@ApplicationScoped
public class DuplicateRatings {
    @Inject
    EventReads events;

    @Inject
    TimelineWriter timeline;

    /** whether {@code user} rates {@code first} only as the reporter of a duplicate of it */
    public boolean onlyAsDuplicate(EventRecord first, String user, boolean operator) {
        return !operator && !first.reporterId.equals(user) && events.reportedDuplicate(first.id, user);
    }

    /**
     * Records the rating on the user's (earliest) duplicate of {@code firstId}; the first report must be waiting for
     * its follow-up (409 otherwise).
     *
     * @return the first report, unchanged
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventRecord rate(UUID firstId, String user, Satisfaction satisfaction, String comment) {
        EventRecord first = events.load(firstId);
        Transition.FOLLOW_UP.apply(first.status);
        EventRecord mine = EventRecord.<EventRecord> find("mergedInto = ?1 and reporterId = ?2", Sort.by("reportedAt").and("id"),
                firstId, user).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (mine == null) {
            throw ProblemException.forbidden("only a reporter of this problem or a follow-up operator rates it");
        }
        mine.satisfaction = satisfaction.name();
        timeline.step(mine, Transition.RATE_AS_DUPLICATE, user, satisfaction + " for " + firstId + (comment == null ? "" : ": " + comment),
                null, null);
        return first;
    }
}
