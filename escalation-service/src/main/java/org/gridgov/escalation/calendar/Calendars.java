package org.gridgov.escalation.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.gridgov.common.cache.ReplicaCaches;
import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.tx.Transactions;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The working calendar as stored in the database, and the years it covers (those whose State
 * Council notice was loaded), cached until any replica edits it.
 */
@ApplicationScoped
public class Calendars {
    static final String CACHE = "escalation.calendar";

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    ReplicaCaches replicas;

    @Inject
    EntityManager em;

    private record Loaded(WorkingCalendar calendar, Set<Integer> years) {
    }

    private volatile Loaded current;

    void listen(@Observes StartupEvent ev) {
        replicas.onChange(CACHE, () -> current = null);
    }

    public WorkingCalendar current() {
        return loaded().calendar();
    }

    /** The years whose holidays and make-up working days are loaded. */
    public Set<Integer> years() {
        return loaded().years();
    }

    /** Whether every year from {@code from}'s to {@code to}'s is loaded: a deadline between them counts real working days. */
    public boolean covers(OffsetDateTime from, OffsetDateTime to) {
        Set<Integer> years = years();
        for (int y = from.atZoneSameInstant(WorkingCalendar.ZONE).getYear(); y <= to.atZoneSameInstant(WorkingCalendar.ZONE).getYear(); y++) {
            if (!years.contains(y)) {
                return false;
            }
        }
        return true;
    }

    private Loaded loaded() {
        Loaded c = current;
        if (c == null) {
            c = QuarkusTransaction.joiningExisting().call(() -> {
                Map<LocalDate, WorkingCalendar.Kind> days = new HashMap<>();
                List<CalendarDay> all = CalendarDay.listAll();
                all.forEach(d -> days.put(d.day, d.kind));
                @SuppressWarnings("unchecked")
                List<Number> years = em.createNativeQuery("select year from calendar_year").getResultList();
                return new Loaded(new WorkingCalendar(days), new TreeSet<>(years.stream().map(Number::intValue).toList()));
            });
            current = c;
        }
        return c;
    }

    /** Drops the cached calendar on every replica once the edit has committed. */
    public void invalidateAfterCommit() {
        current = null;
        Transactions.afterCompletion(transactions, () -> current = null);
        replicas.changed(CACHE);
    }
}
