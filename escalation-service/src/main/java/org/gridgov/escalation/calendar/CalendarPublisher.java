package org.gridgov.escalation.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.gridgov.common.contract.payload.CalendarDayV1;
import org.gridgov.common.contract.payload.CalendarYearSetV1;
import org.gridgov.common.messaging.Outbox;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Announces the working calendar to the suite: a {@code calendar-year-set} CloudEvent per year, through the outbox, on
 * the compacted topic {@code gridgov.escalation.calendar.v1} (key: the year). A year is announced in the transaction
 * that sets it ({@code PUT /calendar/{year}}), and at start every loaded year whose current version has not been
 * announced yet (the years the migrations seed, on a fresh install). {@code calendar_year.published_at} records the
 * version announced, so a restart announces nothing twice, and replicas starting together each take other years
 * (row locks, skip locked).
 */
@ApplicationScoped
public class CalendarPublisher {
    private static final Logger LOG = Logger.getLogger(CalendarPublisher.class);

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    void announceAtStart(@Observes StartupEvent ev) {
        int n = announceUnpublished();
        if (n > 0) {
            LOG.infof("announced %d year(s) of the working calendar", n);
        }
    }

    /** Announces every loaded year whose current version was not announced; returns how many. */
    public int announceUnpublished() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> years = em.createNativeQuery("select year from calendar_year where published_at is distinct from loaded_at "
                    + "order by year for update skip locked").getResultList();
            years.forEach(y -> announce(y.intValue()));
            return years.size();
        });
    }

    /** In the caller's transaction: announces the year as it is stored now, and records that version as announced. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(int year) {
        Object loadedAt = em.createNativeQuery("select loaded_at from calendar_year where year = :y").setParameter("y", year)
                .getSingleResult();
        List<CalendarDayV1> days = CalendarDay.<CalendarDay>list("day >= ?1 and day <= ?2", Sort.by("day"), LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31)).stream().map(d -> new CalendarDayV1(d.day, d.kind, d.name)).toList();
        outbox.publish(new CalendarYearSetV1(year, toOffset(loadedAt), days));
        em.createNativeQuery("update calendar_year set published_at = loaded_at where year = :y").setParameter("y", year).executeUpdate();
    }

    private static OffsetDateTime toOffset(Object t) {
        if (t instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (t instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (t instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("calendar_year.loaded_at read as " + t.getClass());
    }
}
