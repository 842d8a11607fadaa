package org.gridgov.grid.people;

import java.util.List;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Announces, once, the people registered before {@code person-upserted} existed: at start, every person never
 * announced ({@code person.announced_at} is null) is announced through the outbox as she is stored now, in batches of
 * {@value #BATCH} per transaction. {@link PersonFacts#announce} records the announcement, so a restart announces
 * nobody twice, and replicas starting together each take other people (row locks, skip locked).
 */
@ApplicationScoped
public class PersonAnnouncements {
    private static final Logger LOG = Logger.getLogger(PersonAnnouncements.class);
    static final int BATCH = 500;

    @Inject
    PersonFacts facts;

    @Inject
    EntityManager em;

    void announceAtStart(@Observes StartupEvent ev) {
        int n = announceUnannounced();
        if (n > 0) {
            LOG.infof("announced %d person(s) registered before person-upserted existed", n);
        }
    }

    /** Announces every person never announced; returns how many. */
    public int announceUnannounced() {
        int total = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::announceBatch);
            total += batch;
        } while (batch == BATCH);
        return total;
    }

    private int announceBatch() {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select id from person where announced_at is null order by id limit " + BATCH
                + " for update skip locked").getResultList();
        ids.forEach(id -> facts.announce(Person.findById(id)));
        return ids.size();
    }
}
