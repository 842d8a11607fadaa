package org.gridgov.escalation.calendar;

import java.util.List;

import org.gridgov.common.contract.payload.CalendarYearSetV1;
import org.gridgov.common.messaging.Outbox;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Announces the working calendar to the suite: a {@code calendar-year-set} CloudEvent per year (national days; key: the
 * year) and per year and county (a county's local days; key: year/county), through the outbox, on the compacted topic
 * {@code gridgov.escalation.calendar.v1}. A year is announced in the transaction that sets it ({@code PUT /calendar/{year}},
 * {@code PUT /calendar/{year}/counties/{county}}), and at start every year whose current version has not been announced
 * yet (the years the migrations seed, on a fresh install). {@code published_at} records the version announced, so a
 * restart announces nothing twice, and replicas starting together each take other years (row locks, skip locked).
 */
@ApplicationScoped
public class CalendarPublisher {
    private static final Logger LOG = Logger.getLogger(CalendarPublisher.class);

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    CalendarStore store;

    void announceAtStart(@Observes StartupEvent ev) {
        int n = announceUnpublished();
        if (n > 0) {
            LOG.infof("announced %d year(s) of the working calendar", n);
        }
    }

    /** Announces every year (national, or a county's) whose current version was not announced; returns how many. */
    @SuppressWarnings("unchecked")
    public int announceUnpublished() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Number> years = em.createNativeQuery("select year from calendar_year where published_at is distinct from loaded_at "
                    + "order by year for update skip locked").getResultList();
            years.forEach(y -> announce(y.intValue()));
            List<Object[]> local = em.createNativeQuery("select county, year from calendar_county_year "
                    + "where published_at is distinct from loaded_at order by county, year for update skip locked").getResultList();
            local.forEach(r -> announce(((Number) r[1]).intValue(), (String) r[0]));
            return years.size() + local.size();
        });
    }

    /** In the caller's transaction: announces the year's national days as stored now, and records that version as announced. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(int year) {
        announce(year, null);
    }

    /** As {@link #announce(int)} for a county's local days (county null: the national days). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(int year, String county) {
        outbox.publish(new CalendarYearSetV1(year, store.setAt(year, county), store.days(year, county), county));
        if (county == null) {
            em.createNativeQuery("update calendar_year set published_at = loaded_at where year = :y").setParameter("y", year).executeUpdate();
        } else {
            em.createNativeQuery("update calendar_county_year set published_at = loaded_at where year = :y and county = :c")
                    .setParameter("y", year).setParameter("c", county).executeUpdate();
        }
    }
}
