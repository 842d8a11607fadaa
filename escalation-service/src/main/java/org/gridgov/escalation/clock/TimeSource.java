package org.gridgov.escalation.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.gridgov.common.clock.SuiteClock;
import org.gridgov.common.tx.Transactions;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The service's notion of now: the database's clock, so that every replica computes deadlines and
 * fires timers by the same clock whatever the skew of its node. The offset between the database
 * and this JVM is measured at start and every 30 s (half the round trip is the error), so "now"
 * costs no query. A replay moves it with the {@link SuiteClock}; tests replace it with a fixed clock to
 * move time without sleeping.
 */
@ApplicationScoped
public class TimeSource {
    private static final Logger LOG = Logger.getLogger(TimeSource.class);
    private static final long SYNC_EVERY_MS = 30_000;

    @Inject
    EntityManager em;

    private volatile Clock clock;
    private volatile long databaseAheadMillis;
    private volatile boolean running;

    public OffsetDateTime now() {
        Clock c = clock;
        Instant t = c != null ? c.instant() : SuiteClock.clock().instant().plusMillis(databaseAheadMillis);
        return t.atOffset(ZoneOffset.UTC);
    }

    /** A clock of the test's (null: the database's again). */
    public void use(Clock clock) {
        this.clock = clock;
    }

    /** How far the database's clock is ahead of this JVM's, as last measured. */
    public long databaseAheadMillis() {
        return databaseAheadMillis;
    }

    void start(@Observes StartupEvent ev) {
        running = true;
        sync();
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(SYNC_EVERY_MS);
                    sync();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "database-clock");
        t.setDaemon(true);
        t.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
    }

    /** Measures the database clock against this JVM's; keeps the last offset while the database is unavailable. */
    void sync() {
        try {
            long before = System.currentTimeMillis();
            Object db = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select clock_timestamp()").getSingleResult());
            long after = System.currentTimeMillis();
            databaseAheadMillis = Transactions.offset(db).toInstant().toEpochMilli() - (before + after) / 2;
        } catch (RuntimeException e) {
            LOG.debugf("database clock not measured: %s", e);
        }
    }
}
