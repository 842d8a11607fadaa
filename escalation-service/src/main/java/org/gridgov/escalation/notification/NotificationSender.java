package org.gridgov.escalation.notification;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.gridgov.common.messaging.Failures;
import org.gridgov.common.tx.Transactions;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Sends the due notifications through their channel and records the outcome on the row: SENT
 * with the time, or after {@code max-attempts} failed attempts (waits doubling from
 * {@code initial-backoff}) FAILED with the error. Rows are claimed {@code for update skip locked},
 * so several replicas never send one twice; a restart finds the pending rows again.
 */
@ApplicationScoped
public class NotificationSender {
    private static final Logger LOG = Logger.getLogger(NotificationSender.class);
    private static final int BATCH = 50;

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    @Inject
    People people;

    @Inject
    Instance<NotificationChannel> channels;

    private final Semaphore signal = new Semaphore(0);
    private final Map<Channel, NotificationChannel> byChannel = new EnumMap<>(Channel.class);
    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent ev) {
        channels.forEach(c -> byChannel.put(c.channel(), c));
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "notification-sender");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        signal.release();
    }

    public void wakeUp() {
        signal.release();
    }

    private void run() {
        while (running) {
            try {
                signal.tryAcquire(config.poll().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                while (running && round() == BATCH) {
                    // more are due
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("notification sender: %s", e.toString());
                if (Failures.isTransient(e)) {
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    /** Sends one batch of due notifications; returns how many were tried. */
    int round() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> due = em.createNativeQuery("select id, person_id, channel, kind, event_id, task_id, subject, body, attempts, "
                    + "created_at from notification where status = 'PENDING' and not_before <= :now order by not_before limit " + BATCH
                    + " for update skip locked").setParameter("now", OffsetDateTime.now(ZoneOffset.UTC)).getResultList();
            for (Object[] r : due) {
                UUID id = (UUID) r[0];
                int attempts = ((Number) r[8]).intValue() + 1;
                NotificationChannel.Note note = new NotificationChannel.Note(id, (String) r[3], (UUID) r[4], (UUID) r[5], (String) r[6],
                        (String) r[7], Transactions.offset(r[9]));
                String error = null;
                try {
                    NotificationChannel c = byChannel.get(Channel.valueOf((String) r[2]));
                    if (c == null) {
                        throw new IllegalStateException("no channel " + r[2]);
                    }
                    c.send(people.get((String) r[1]).person(), note);
                } catch (Exception e) {
                    error = String.valueOf(e.getMessage() == null ? e : e.getMessage());
                }
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                if (error == null) {
                    em.createNativeQuery("update notification set status = 'SENT', attempts = :a, sent_at = :now, error = null where id = :id")
                            .setParameter("a", attempts).setParameter("now", now).setParameter("id", id).executeUpdate();
                } else {
                    boolean last = attempts >= config.maxAttempts();
                    Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
                    em.createNativeQuery("update notification set status = :s, attempts = :a, not_before = :nb, error = :e where id = :id")
                            .setParameter("s", last ? "FAILED" : "PENDING").setParameter("a", attempts)
                            .setParameter("nb", last ? now : now.plus(wait))
                            .setParameter("e", error.length() > 2000 ? error.substring(0, 2000) : error).setParameter("id", id).executeUpdate();
                    if (last) {
                        LOG.warnf("notification %s (%s to %s) failed after %d attempt(s): %s", id, r[2], r[1], attempts, error);
                    }
                }
            }
            return due.size();
        });
    }
}
