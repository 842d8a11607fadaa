package org.gridgov.event.lifecycle;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.messaging.Outbox;
import org.gridgov.event.evidence.Evidence;
import org.gridgov.event.evidence.EvidencePolicy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes an event's transitions: every transition changes the row, appends to the timeline (with its evidence) and
 * records the announcing CloudEvent in the outbox, all in the caller's transaction. Every job of the event's life
 * ({@link ReportIntake}, {@link LifecycleActions}, {@link TaskUpdates}, {@link DuplicateRatings}) writes through here.
 */
@ApplicationScoped
public class TimelineWriter {
    /** the actor of what event-service does by itself */
    public static final String SELF = "event-service";

    private static final Set<Transition> NO_STATUS_CHECK = Set.of(Transition.REPORT);

    @Inject
    Outbox outbox;

    @Inject
    EvidencePolicy evidencePolicy;

    /** A transition written: the event, its timeline entry and the evidence attached to it. */
    public record Step(EventRecord event, TimelineEntry entry, List<EvidenceEntry> evidence) {
    }

    /** A transition applied to the event in memory, with its timeline entry and announcement, not yet written. */
    public record Planned(EventRecord event, TimelineEntry entry, List<Evidence> evidence, EvidenceEntry.Stage stage,
            EventLifecycleV1 announcement) {
    }

    /**
     * Applies the transition, appends the timeline entry with its evidence and announces it
     * through the outbox.
     */
    public Step step(EventRecord e, Transition t, String actor, String note, List<Evidence> evidence, EvidenceEntry.Stage stage) {
        return writeAll(List.of(apply(e, t, actor, note, evidence, stage))).get(0);
    }

    /** Applies the transition to the event and prepares its timeline entry and its announcement as of now. */
    public Planned apply(EventRecord e, Transition t, String actor, String note, List<Evidence> evidence, EvidenceEntry.Stage stage) {
        EventStatus from = t == Transition.REPORT ? null : e.status;
        EventStatus to = NO_STATUS_CHECK.contains(t) ? EventStatus.REPORTED : t.apply(e.status);
        OffsetDateTime at = now();
        e.status = to;
        e.updatedAt = at;
        TimelineEntry s = new TimelineEntry();
        s.eventId = e.id;
        s.action = t;
        s.fromStatus = from;
        s.toStatus = to;
        s.actor = actor;
        s.note = note;
        s.at = at;
        Boolean onTime = onTime(e);
        return new Planned(e, s, evidence, stage, new EventLifecycleV1(e.id, to.name(),
                from == null ? null : from.name(), e.category, e.channel.name(), e.latitude, e.longitude, e.gridCode,
                e.communityCode, e.streetCode, e.reporterId, actor, note, e.handlerUnit, e.deadline, e.satisfaction,
                onTime, e.reportedAt, at, e.urgency, e.timeLimitDays, e.urgentHours, e.itemType, e.mergedInto, e.followUpOutcome));
    }

    /**
     * Writes planned transitions of events already persisted: all timeline entries, then all
     * evidence, then all announcements, so that each table's rows go to the database in one batch
     * (Hibernate does not reorder them: the tables refer to each other by plain id columns, which
     * its insert ordering cannot see).
     */
    public List<Step> writeAll(List<Planned> planned) {
        planned.forEach(p -> p.entry().persist());
        List<Step> steps = new java.util.ArrayList<>();
        for (Planned p : planned) {
            TimelineEntry s = p.entry();
            List<EvidenceEntry> written = new java.util.ArrayList<>();
            if (p.evidence() != null && !p.evidence().isEmpty()) {
                for (Evidence v : p.evidence()) {
                    EvidenceEntry x = new EvidenceEntry();
                    x.eventId = s.eventId;
                    x.timelineId = s.id;
                    x.stage = p.stage().name();
                    x.url = v.url();
                    x.contentType = evidencePolicy.accepted(v.contentType());
                    x.size = v.size();
                    x.sha256 = v.sha256();
                    x.addedBy = s.actor;
                    x.addedAt = s.at;
                    x.persist();
                    written.add(x);
                }
            }
            steps.add(new Step(p.event(), s, written));
        }
        for (Planned p : planned) {
            if (p.entry().action.announcedAs() != null) { // a fact of the handling only goes on the timeline
                outbox.publish(p.entry().action.announcedAs(), p.announcement());
            }
        }
        return steps;
    }

    /**
     * Whether the event was solved in time: never overdue at any tier (an escalation's fresh deadline
     * does not make a late event punctual) and resolved by its deadline; null while unresolved or
     * without a deadline (即办件).
     */
    static Boolean onTime(EventRecord e) {
        if (e.overdueAt != null) {
            return false;
        }
        return e.deadline == null || e.resolvedAt == null ? null : !e.resolvedAt.isAfter(e.deadline);
    }

    static OffsetDateTime now() {
        return org.gridgov.common.clock.SuiteClock.now();
    }
}
