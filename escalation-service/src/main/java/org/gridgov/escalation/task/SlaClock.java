package org.gridgov.escalation.task;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 */
@ApplicationScoped
public class SlaClock {
    private static final Logger LOG = Logger.getLogger(SlaClock.class);
    private static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    DispatchService dispatch;

    @Inject
    TimeSource time;

    @ConfigProperty(name = "gridgov.escalation.sla.poll", defaultValue = "1s")
    Duration poll;

    @ConfigProperty(name = "gridgov.escalation.sla.enabled", defaultValue = "true")
    boolean enabled;

    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(poll.toMillis());
                    tick();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    LOG.warnf("SLA clock: %s", e.toString());
                }
            }
        }, "sla-clock");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Fires every due warning and deadline as of now; returns how many fired. */
    public int tick() {
        int fired = 0;
        int n;
        do {
            n = fire("warned_at is null and warn_at <= :now order by warn_at", true);
            fired += n;
        } while (n == BATCH);
        do {
            n = fire("overdue_at is null and deadline <= :now order by deadline", false);
            fired += n;
        } while (n == BATCH);
        return fired;
    }

    private int fire(String condition, boolean warning) {
        OffsetDateTime now = time.now();
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Task> due = em.createNativeQuery("select * from task where status = 'OPEN' and " + condition
                    + " limit " + BATCH + " for update skip locked", Task.class).setParameter("now", now).getResultList();
            for (Task t : due) {
                if (warning) {
                    dispatch.warn(t);
                } else {
                    dispatch.overdue(t);
                }
            }
            return due.size();
        });
    }
}
