package org.gridgov.event.followup;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.schedule.PeriodicTask;
import org.gridgov.event.calendar.WorkingCalendars;
import org.gridgov.event.config.EventConfig;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventStatus;
import org.gridgov.event.lifecycle.TimelineWriter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Closes as 回访未果 the verified events whose follow-up has waited {@code gridgov.event.follow-up.max-working-days}
 * working days since their verification, every {@code sweep}. Working days are the suite's calendar, holidays and
 * make-up working days included, as escalation-service announces it ({@link WorkingCalendars}). Several replicas may sweep: each event is closed under
 * its row lock, once.
 */
@ApplicationScoped
public class FollowUpSweep {
    private static final int BATCH = 500;

    @Inject
    EventConfig config;

    @Inject
    FollowUpCalls calls;

    @Inject
    EntityManager em;

    @Inject
    WorkingCalendars calendar;

    private PeriodicTask task;

    void start(@Observes StartupEvent ev) {
        task = PeriodicTask.start("follow-up-sweep", () -> config.followUp().sweep(),
                () -> closeExpired(OffsetDateTime.now(ZoneOffset.UTC)));
    }

    void stop(@Observes ShutdownEvent ev) {
        if (task != null) {
            task.stop();
        }
    }

    /** Closes every verified event whose follow-up time ran out before {@code now}; returns how many. */
    public int closeExpired(OffsetDateTime now) {
        int days = config.followUp().maxWorkingDays();
        // verified at least `days` calendar days ago: the working days are counted in Java for these only
        OffsetDateTime candidates = now.minus(Duration.ofDays(days));
        int closed = 0;
        for (UUID id : waiting(candidates)) {
            boolean done = QuarkusTransaction.requiringNew().call(() -> {
                EventRecord e = EventRecord.findById(id, LockModeType.PESSIMISTIC_WRITE);
                OffsetDateTime verified = e == null ? null : calls.verifiedAt(id);
                if (e == null || e.status != EventStatus.VERIFIED || verified == null
                        || calendar.plus(org.gridgov.event.itemtype.Supplements.place(e), verified, days).isAfter(now)) {
                    return false;
                }
                calls.closeNoAnswer(e, TimelineWriter.SELF, "no answer within " + days + " working days of verification");
                return true;
            });
            closed += done ? 1 : 0;
        }
        return closed;
    }

    /** verified events that may have waited long enough, oldest first */
    private List<UUID> waiting(OffsetDateTime verifiedBefore) {
        List<?> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select e.id from event e where e.status = 'VERIFIED' "
                + "and (select max(t.at) from event_timeline t where t.event_id = e.id and t.action = 'VERIFY') <= ?1 "
                + "order by e.updated_at limit " + BATCH).setParameter(1, verifiedBefore).getResultList());
        return ids.stream().map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
    }
}
