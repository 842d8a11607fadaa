package org.gridgov.event.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.gridgov.common.cache.ReplicaCaches;
import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.contract.payload.CalendarDayV1;
import org.gridgov.common.contract.payload.CalendarYearSetV1;
import org.gridgov.common.tx.Transactions;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The working calendar for the limits event-service keeps itself (the follow-up window, the wait for missing material):
 * the suite's one rule ({@link WorkingCalendar}) with the holidays and make-up working days escalation-service announces
 * ({@link CalendarConsumer}), kept in {@code calendar_year}/{@code calendar_day} and cached until any replica stores a
 * year. A year not received counts Monday to Friday only ({@link CalendarCoverage} says so).
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

    private record Loaded(WorkingCalendar calendar, Set<Integer> years) {
    }

    private volatile Loaded current;

    void listen(@Observes StartupEvent ev) {
        replicas.onChange(CACHE, () -> current = null);
    }

    /** The moment {@code days} working days after {@code start}, at the same time of day (Asia/Shanghai). */
    public OffsetDateTime plus(OffsetDateTime start, int days) {
        return loaded().calendar().plus(start, days);
    }

    public WorkingCalendar current() {
        return loaded().calendar();
    }

    /** The years whose calendar was received. */
    public Set<Integer> years() {
        return loaded().years();
    }

    /**
     * Stores a year as announced, replacing its earlier version entirely; a version older than the one stored is
     * ignored (so is the same one again).
     *
     * @return whether the year was stored
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean store(CalendarYearSetV1 y) {
        int newer = em.createNativeQuery("insert into calendar_year (year, set_at) values (:y, :at) on conflict (year) do update "
                + "set set_at = excluded.set_at, received_at = now() where calendar_year.set_at < excluded.set_at")
                .setParameter("y", y.year()).setParameter("at", y.setAt()).executeUpdate();
        if (newer == 0) {
            return false;
        }
        em.createNativeQuery("delete from calendar_day where day between :from and :to").setParameter("from", LocalDate.of(y.year(), 1, 1))
                .setParameter("to", LocalDate.of(y.year(), 12, 31)).executeUpdate();
        for (CalendarDayV1 d : y.days()) {
            em.createNativeQuery("insert into calendar_day (day, kind, name) values (:d, :k, :n)").setParameter("d", d.date())
                    .setParameter("k", d.kind().name()).setParameter("n", d.name() == null ? "" : d.name().strip()).executeUpdate();
        }
        current = null;
        Transactions.afterCompletion(transactions, () -> current = null);
        replicas.changed(CACHE);
        return true;
    }

    private Loaded loaded() {
        Loaded c = current;
        if (c == null) {
            c = QuarkusTransaction.joiningExisting().call(() -> {
                Map<LocalDate, WorkingCalendar.Kind> days = new HashMap<>();
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("select day, kind from calendar_day").getResultList();
                for (Object[] r : rows) {
                    LocalDate day = r[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[0];
                    days.put(day, WorkingCalendar.Kind.valueOf((String) r[1]));
                }
                @SuppressWarnings("unchecked")
                List<Number> years = em.createNativeQuery("select year from calendar_year").getResultList();
                return new Loaded(new WorkingCalendar(days), new TreeSet<>(years.stream().map(Number::intValue).toList()));
            });
            current = c;
        }
        return c;
    }
}
