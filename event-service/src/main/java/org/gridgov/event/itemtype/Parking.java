package org.gridgov.event.itemtype;

import java.time.LocalDate;

import org.gridgov.common.contract.ItemType;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventStatus;
import org.gridgov.event.lifecycle.TimelineWriter;
import org.gridgov.event.lifecycle.Transition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * 挂账: an item that cannot be solved now is parked with a reason and a review date. The handler asks, a supervisor
 * (not the one who asked) approves or refuses; once approved the event is PARKED (itemType PARKED) and the task's clock
 * in escalation-service stops until a supervisor takes it out again at review.
 */
@ApplicationScoped
public class Parking {
    @Inject
    TimelineWriter timeline;

    /** @throws ProblemException 400 for a review date not in the future, 409 for another state or a request pending */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventRecord request(EventRecord e, String actor, String reason, LocalDate reviewOn) {
        if (!reviewOn.isAfter(LocalDate.now(WorkingCalendar.ZONE))) {
            throw ProblemException.invalid("reviewOn", "the review date must be after today");
        }
        if (!reviewOn.isBefore(LocalDate.now(WorkingCalendar.ZONE).plusYears(1).plusDays(1))) {
            throw ProblemException.invalid("reviewOn", "the review date must be within a year");
        }
        Transition.REQUEST_PARKING.apply(e.status);
        if (e.parkRequestedBy != null) {
            throw ProblemException.conflict("event " + e.id + " already waits for a supervisor's decision on parking (挂账)");
        }
        e.parkReason = reason.strip();
        e.parkReviewOn = reviewOn;
        e.parkRequestedBy = actor;
        return timeline.step(e, Transition.REQUEST_PARKING, actor, "挂账 asked: " + e.parkReason + " (review on " + reviewOn + ")",
                null, null).event();
    }

    /** @throws ProblemException 409 without a pending request, 403 for the supervisor who asked herself */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventRecord decide(EventRecord e, String supervisor, boolean approved, String note) {
        if (e.parkRequestedBy == null || e.status == EventStatus.PARKED) {
            throw ProblemException.conflict("event " + e.id + " has no parking (挂账) request waiting for a decision");
        }
        if (e.parkRequestedBy.equals(supervisor)) {
            throw ProblemException.forbidden("whoever asked for parking does not approve it");
        }
        String why = note == null || note.isBlank() ? "" : ": " + note.strip();
        if (approved) {
            Transition.PARK.apply(e.status);
            e.parkApprovedBy = supervisor;
            if (!ItemType.IMMEDIATE.name().equals(e.itemType)) {
                e.itemType = ItemType.PARKED.name();
            }
            return timeline.step(e, Transition.PARK, supervisor, "挂账 approved: " + e.parkReason + ", review on " + e.parkReviewOn + why,
                    null, null).event();
        }
        Transition.REFUSE_PARKING.apply(e.status);
        clear(e);
        return timeline.step(e, Transition.REFUSE_PARKING, supervisor, "挂账 refused" + why, null, null).event();
    }

    /** Reviewed: handled again, the clock runs again. @throws ProblemException 409 unless PARKED */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventRecord end(EventRecord e, String actor, String note) {
        Transition.UNPARK.apply(e.status);
        clear(e);
        return timeline.step(e, Transition.UNPARK, actor, "挂账 ended at review" + (note == null || note.isBlank() ? "" : ": " + note.strip()),
                null, null).event();
    }

    private static void clear(EventRecord e) {
        e.parkReason = null;
        e.parkReviewOn = null;
        e.parkRequestedBy = null;
        e.parkApprovedBy = null;
    }
}
