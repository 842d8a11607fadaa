package org.gridgov.escalation.notification;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.schedule.PeriodicTask;
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
 * {@code initial-backoff}) FAILED with the error.
 * <p>
 * A round claims a batch in a short transaction ({@code for update skip locked}, then a lease: the
 * rows' {@code not_before} moves past the time sending may take), sends outside any transaction
 * (a slow mail or SMS server holds no database connection), and records the outcomes in a second
 * short transaction. Several replicas never send one row at once; a crash before the outcome is
 * recorded leaves the row pending, sent again when the lease runs out (at least once).
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

    private final Map<Channel, NotificationChannel> byChannel = new EnumMap<>(Channel.class);
    private PeriodicTask task;

    /** one claimed notification: whom, how, what */
    private record Claimed(UUID id, String personId, String channel, int attempts, NotificationChannel.Note note) {
    }

    void start(@Observes StartupEvent ev) {
        channels.forEach(c -> byChannel.put(c.channel(), c));
        if (config.enabled()) {
            task = PeriodicTask.worker("notification-sender", config::poll, () -> round() == BATCH, null);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (task != null) {
            task.stop();
        }
    }

    public void wakeUp() {
        if (task != null) {
            task.wakeUp();
        }
    }

    /** Sends one batch of due notifications; returns how many were tried. */
    int round() {
        List<Claimed> claimed = claim();
        List<String> errors = new ArrayList<>(claimed.size());
        for (Claimed c : claimed) {
            errors.add(send(c));
        }
        if (!claimed.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < claimed.size(); i++) {
                    record(claimed.get(i), errors.get(i));
                }
            });
        }
        return claimed.size();
    }

    private List<Claimed> claim() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime leaseEnd = now.plus(config.sms().timeout().multipliedBy(BATCH)).plusSeconds(60);
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> due = em.createNativeQuery("select id, person_id, channel, kind, event_id, task_id, subject, body, attempts, "
                    + "created_at from notification where status = 'PENDING' and not_before <= :now order by not_before limit " + BATCH
                    + " for update skip locked").setParameter("now", now).getResultList();
            List<Claimed> claimed = new ArrayList<>(due.size());
            for (Object[] r : due) {
                UUID id = (UUID) r[0];
                claimed.add(new Claimed(id, (String) r[1], (String) r[2], ((Number) r[8]).intValue(), new NotificationChannel.Note(id,
                        (String) r[3], (UUID) r[4], (UUID) r[5], (String) r[6], (String) r[7], Transactions.offset(r[9]))));
            }
            if (!claimed.isEmpty()) {
                em.createNativeQuery("update notification set not_before = :lease where id in (:ids)").setParameter("lease", leaseEnd)
                        .setParameter("ids", claimed.stream().map(Claimed::id).toList()).executeUpdate();
            }
            return claimed;
        });
    }

    /** sends one; the error, or null when it went out */
    private String send(Claimed c) {
        try {
            NotificationChannel channel = byChannel.get(Channel.valueOf(c.channel()));
            if (channel == null) {
                throw new IllegalStateException("no channel " + c.channel());
            }
            // a person not registered (a resident told on her feed) is known by her id alone
            channel.send(QuarkusTransaction.requiringNew().call(() -> people.find(c.personId()).map(People.PersonView::person)
                    .orElseGet(() -> new NotificationChannel.Person(c.personId(), null, null, null))), c.note());
            return null;
        } catch (Exception e) {
            return String.valueOf(e.getMessage() == null ? e : e.getMessage());
        }
    }

    /** writes one outcome, unless the row changed meanwhile (another replica took it after the lease ran out) */
    private void record(Claimed c, String error) {
        int attempts = c.attempts() + 1;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (error == null) {
            em.createNativeQuery("update notification set status = 'SENT', attempts = :a, sent_at = :now, error = null "
                    + "where id = :id and status = 'PENDING' and attempts = :before").setParameter("a", attempts).setParameter("now", now)
                    .setParameter("id", c.id()).setParameter("before", c.attempts()).executeUpdate();
            return;
        }
        boolean last = attempts >= config.maxAttempts();
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        em.createNativeQuery("update notification set status = :s, attempts = :a, not_before = :nb, error = :e "
                + "where id = :id and status = 'PENDING' and attempts = :before")
                .setParameter("s", last ? "FAILED" : "PENDING").setParameter("a", attempts)
                .setParameter("nb", last ? now : now.plus(wait))
                .setParameter("e", error.length() > 2000 ? error.substring(0, 2000) : error).setParameter("id", c.id())
                .setParameter("before", c.attempts()).executeUpdate();
        if (last) {
            LOG.warnf("notification %s (%s to %s) failed after %d attempt(s): %s", c.id(), c.channel(), c.personId(), attempts, error);
        }
    }
}
