package org.gridgov.common.cache;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Caches that every replica of a service must drop together: a replica that changes cached data
 * (the working calendar, routing rules, categories) says so in its transaction, and PostgreSQL's
 * LISTEN/NOTIFY tells every replica (itself included) once that transaction commits. A replica
 * that lost its listening connection drops all its caches when it has it back, since it may
 * have missed a change.
 */
@ApplicationScoped
public class ReplicaCaches {
    private static final Logger LOG = Logger.getLogger(ReplicaCaches.class);
    static final String CHANNEL = "gridgov_cache";

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    private final Map<String, List<Runnable>> drops = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread thread;

    /** What to drop when any replica changes the named data. */
    public void onChange(String name, Runnable drop) {
        drops.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(drop);
    }

    /** In the caller's transaction: every replica drops the named cache once the transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(String name) {
        em.createNativeQuery("select count(*) from (select pg_notify('" + CHANNEL + "', :n)) x").setParameter("n", name)
                .getSingleResult();
    }

    /** Drops the named cache on this replica now. */
    public void drop(String name) {
        drops.getOrDefault(name, List.of()).forEach(Runnable::run);
    }

    void start(@Observes StartupEvent ev) {
        running = true;
        Thread t = new Thread(this::listen, "replica-caches");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + CHANNEL);
                }
                if (!first) {
                    // changes made while this replica was not listening are unknown: drop everything
                    drops.values().forEach(l -> l.forEach(Runnable::run));
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(1_000);
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            drop(n.getParameter());
                        }
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.debugf("cache notifications interrupted (%s); listening again in 1 s", e);
                    first = false;
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }
}
