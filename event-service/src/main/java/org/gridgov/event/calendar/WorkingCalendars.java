package org.gridgov.event.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;

import org.gridgov.common.cache.ReplicaCaches;
import org.gridgov.common.calendar.CountyCalendars;
import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.contract.payload.CalendarDayV1;
import org.gridgov.common.contract.payload.CalendarYearSetV1;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The working calendar for the limits event-service keeps itself (the follow-up window, the wait for missing material):
 * the suite's one rule ({@link WorkingCalendar}) with the national holidays and make-up working days and each county's
 * local days that escalation-service announces ({@link CalendarConsumer}), kept in {@code calendar_year},
 * {@code calendar_county_year} and {@code calendar_day} and cached until any replica stores a year
 * ({@link CountyCalendars}). An event counts with its county's calendar ({@link #plus(String, OffsetDateTime, int)}). A
 * year not received counts Monday to Friday only ({@link CalendarCoverage} says so).
 */
@ApplicationScoped
public class WorkingCalendars {
    static final String CACHE = "event.calendar";

    @Inject
    EntityManager em;

    @Inject
    ReplicaCaches replicas;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** the calendars, loaded on first use after each change */
    private CountyCalendars.Cache cache;

    @jakarta.annotation.PostConstruct
    void init() {
        cache = new CountyCalendars.Cache(CACHE, () -> QuarkusTransaction.joiningExisting().call(() -> CountyCalendars.load(em)),
                replicas, transactions);
    }

    /** The moment {@code days} working days after {@code start} by the national days, at the same time of day (Asia/Shanghai). */
    public OffsetDateTime plus(OffsetDateTime start, int days) {
        return current().plus(start, days);
    }

    /**
     * As {@link #plus(OffsetDateTime, int)} for an event of a place: its county's calendar (national days and the county's).
     *
     * @param place the event's grid, community or street code (its first 6 digits are the county), or null
     */
    public OffsetDateTime plus(String place, OffsetDateTime start, int days) {
        return cache.get().of(place).plus(start, days);
    }

    /** The national calendar. */
    public WorkingCalendar current() {
        return cache.get().national();
    }

    /** The calendar of a county (or of a place code's county). */
    public WorkingCalendar of(String countyOrPlace) {
        return cache.get().of(countyOrPlace);
    }

    /** The years whose national calendar was received. */
    public Set<Integer> years() {
        return cache.get().years();
    }

    /**
     * Stores a year as announced (the national days, or a county's local days), replacing its earlier version entirely;
     * a version older than the one stored is ignored (so is the same one again).
     *
     * @return whether the year was stored
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean store(CalendarYearSetV1 y) {
        String county = y.county();
        int newer = county == null
                ? em.createNativeQuery("insert into calendar_year (year, set_at) values (:y, :at) on conflict (year) do update "
                        + "set set_at = excluded.set_at, received_at = now() where calendar_year.set_at < excluded.set_at")
                        .setParameter("y", y.year()).setParameter("at", y.setAt()).executeUpdate()
                : em.createNativeQuery("insert into calendar_county_year (county, year, set_at) values (:c, :y, :at) "
                        + "on conflict (county, year) do update set set_at = excluded.set_at, received_at = now() "
                        + "where calendar_county_year.set_at < excluded.set_at")
                        .setParameter("c", county).setParameter("y", y.year()).setParameter("at", y.setAt()).executeUpdate();
        if (newer == 0) {
            return false;
        }
        em.createNativeQuery("delete from calendar_day where day between :from and :to and coalesce(county, '') = :c")
                .setParameter("from", LocalDate.of(y.year(), 1, 1)).setParameter("to", LocalDate.of(y.year(), 12, 31))
                .setParameter("c", county == null ? "" : county).executeUpdate();
        for (CalendarDayV1 d : y.days()) {
            em.createNativeQuery("insert into calendar_day (day, kind, name, county) values (:d, :k, :n, cast(:c as text))")
                    .setParameter("d", d.date()).setParameter("k", d.kind().name())
                    .setParameter("n", d.name() == null ? "" : d.name().strip()).setParameter("c", county).executeUpdate();
        }
        cache.invalidateAfterCommit();
        return true;
    }
}
