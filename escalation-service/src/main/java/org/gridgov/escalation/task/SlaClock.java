package org.gridgov.escalation.task;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.messaging.Failures;
import org.gridgov.escalation.clock.TimeSource;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The SLA clock. Timers are rows, not memory: a task's warn_at and deadline are durable, and each
 * firing is recorded (warned_at, overdue_at) in the same transaction as the CloudEvent announcing
 * it. Rows are claimed with {@code for update skip locked}, so several replicas never fire one
 * timer twice, and a restart simply finds the due rows again.
 * <p>
 * Failures are isolated: the warning pass and the overdue pass run apart, and when a batch fails
 * its tasks fire one by one, so a task that cannot fire is recorded ({@code timer_error}) and
 * retried a minute later while the timers behind it go on. "Now" is {@link TimeSource}'s: the
 * database's clock, the same for every replica.
 */
@ApplicationScoped
public class SlaClock {
    private static final Logger LOG = Logger.getLogger(SlaClock.class);
    private static final int BATCH = 200;
    private static final Duration RETRY_FAILED = Duration.ofMinutes(1);

    @Inject
    EntityManager em;

    @Inject
    DispatchService dispatch;

    @Inject
    TimeSource time;

    @Inject
    org.gridgov.escalation.config.EscalationConfig config;

    private org.gridgov.common.schedule.PeriodicTask clock;

    private enum Timer {
        WARNING("warned_at is null and warn_at <= :now", "warn_at"),
        OVERDUE("overdue_at is null and deadline <= :now", "deadline");

        final String due;
        final String order;

        Timer(String due, String order) {
            this.due = due;
            this.order = order;
        }
    }

    void start(@Observes StartupEvent ev) {
        if (config.sla().enabled()) {
            clock = org.gridgov.common.schedule.PeriodicTask.start("sla-clock", () -> config.sla().poll(), this::tick);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (clock != null) {
            clock.stop();
        }
    }

    /** Fires every due warning and deadline as of now; returns how many fired. */
    public int tick() {
        return pass(Timer.WARNING) + pass(Timer.OVERDUE);
    }

    /** One kind of timer; its failure does not stop the other pass. */
    private int pass(Timer timer) {
        int fired = 0;
        try {
            Batch b;
            do {
                b = fire(timer);
                fired += b.fired();
            } while (b.handled() == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("SLA clock, %s pass: %s", timer, e.toString());
        }
        return fired;
    }

    /** Tasks taken from the due list (fired, or failed and put off), and those fired. */
    private record Batch(int handled, int fired) {
    }

    /** Fires one batch in one transaction; if that fails for another reason than an outage, one task at a time. */
    private Batch fire(Timer timer) {
        OffsetDateTime now = time.now();
        try {
            int n = QuarkusTransaction.requiringNew().call(() -> {
                List<Task> due = due(timer, now, BATCH);
                due.forEach(t -> fire(timer, t));
                return due.size();
            });
            return new Batch(n, n);
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            return fireOneByOne(timer, now);
        }
    }

    private Batch fireOneByOne(Timer timer, OffsetDateTime now) {
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> due(timer, now, BATCH).stream().map(t -> t.id).toList());
        int fired = 0;
        for (UUID id : ids) {
            try {
                fired += QuarkusTransaction.requiringNew().call(() -> {
                    Task t = em.find(Task.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                    if (t == null || t.status != Task.Status.OPEN) {
                        return 0;
                    }
                    fire(timer, t);
                    return 1;
                });
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    throw e;
                }
                putOff(timer, id, now, e);
            }
        }
        return new Batch(ids.size(), fired);
    }

    /** Records why a task's timer failed; it is tried again after {@link #RETRY_FAILED}. */
    private void putOff(Timer timer, UUID id, OffsetDateTime now, Exception e) {
        LOG.errorf("SLA clock: %s timer of task %s failed, retried in %s: %s", timer, id, RETRY_FAILED, e);
        String error = String.valueOf(e);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update task set timer_error = :e, timer_retry_at = :at where id = :id")
                .setParameter("e", error.length() > 2000 ? error.substring(0, 2000) : error)
                .setParameter("at", now.plus(RETRY_FAILED)).setParameter("id", id).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private List<Task> due(Timer timer, OffsetDateTime now, int limit) {
        // a paused clock (补办件 waiting for material, 挂账) fires nothing
        return em.createNativeQuery("select * from task where status = 'OPEN' and paused_at is null and " + timer.due
                + " and (timer_retry_at is null or timer_retry_at <= :now) order by " + timer.order
                + " limit " + limit + " for update skip locked", Task.class).setParameter("now", now).getResultList();
    }

    private void fire(Timer timer, Task t) {
        if (timer == Timer.WARNING) {
            dispatch.warn(t);
        } else {
            dispatch.overdue(t);
        }
    }
}
