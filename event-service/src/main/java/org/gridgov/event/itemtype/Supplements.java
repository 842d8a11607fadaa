package org.gridgov.event.itemtype;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.ItemType;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.calendar.WorkingCalendars;
import org.gridgov.event.config.EventConfig;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventStatus;
import org.gridgov.event.lifecycle.EvidenceEntry;
import org.gridgov.event.lifecycle.TimelineWriter;
import org.gridgov.event.lifecycle.Transition;
import org.gridgov.event.evidence.Evidence;
import org.gridgov.event.evidence.EvidenceOwnership;
import org.gridgov.event.evidence.EvidencePolicy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * 补办件: the handler asks the reporter for missing material (itemType SUPPLEMENTARY, status WAITING_MATERIAL); the task's
 * clock in escalation-service stops until the material comes, or until {@code gridgov.event.supplement.max-working-days}
 * working days have passed, when it runs again without it.
 */
@ApplicationScoped
public class Supplements {
    @Inject
    TimelineWriter timeline;

    @Inject
    EventConfig config;

    @Inject
    EvidencePolicy evidencePolicy;

    @Inject
    EvidenceOwnership evidenceOwnership;

    @Inject
    WorkingCalendars calendar;

    /** @throws ProblemException 409 unless the event is being handled */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventRecord request(EventRecord e, String actor, String missing) {
        Transition.REQUEST_MATERIAL.apply(e.status);
        int days = config.supplement().maxWorkingDays();
        e.materialRequested = missing.strip();
        e.materialDueAt = calendar.plus(place(e), OffsetDateTime.now(ZoneOffset.UTC), days);
        if (!ItemType.IMMEDIATE.name().equals(e.itemType)) {
            e.itemType = ItemType.SUPPLEMENTARY.name();
        }
        return timeline.step(e, Transition.REQUEST_MATERIAL, actor, "补办: " + e.materialRequested + " (the clock waits at most "
                + days + " working days, until " + e.materialDueAt + ")", null, null).event();
    }

    /** The reporter (or an operator for a hotline caller) supplies the material: the clock runs again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventRecord supply(EventRecord e, String actor, String note, List<Evidence> evidence) {
        evidencePolicy.check(evidence, "evidence");
        evidenceOwnership.check(evidence, "evidence", actor);
        Transition.SUPPLY_MATERIAL.apply(e.status);
        return timeline.step(e, Transition.SUPPLY_MATERIAL, actor, "补办材料: " + note, evidence, EvidenceEntry.Stage.REPORT).event();
    }

    /** Lets the clock run again for every item whose wait for material reached its limit before {@code now}; returns how many. */
    public int limitReached(OffsetDateTime now) {
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> EventRecord.<EventRecord>find(
                "status = ?1 and materialDueAt <= ?2 order by materialDueAt", EventStatus.WAITING_MATERIAL, now).page(0, 500).list()
                .stream().map(e -> e.id).toList());
        int n = 0;
        for (UUID id : due) {
            n += QuarkusTransaction.requiringNew().call(() -> {
                EventRecord e = EventRecord.findById(id, LockModeType.PESSIMISTIC_WRITE);
                if (e == null || e.status != EventStatus.WAITING_MATERIAL || e.materialDueAt.isAfter(now)) {
                    return 0;
                }
                timeline.step(e, Transition.MATERIAL_LIMIT_REACHED, TimelineWriter.SELF, "补办超期: no material within "
                        + config.supplement().maxWorkingDays() + " working days; the clock runs again", null, null);
                return 1;
            });
        }
        return n;
    }

    /** the event's place code (grid, else community, else street): its first 6 digits are its county */
    public static String place(EventRecord e) {
        return e.gridCode != null ? e.gridCode : e.communityCode != null ? e.communityCode : e.streetCode;
    }
}
