package org.gridgov.escalation.calendar;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** The working calendar as stored in the database, cached until it is edited. */
@ApplicationScoped
public class Calendars {
    private volatile WorkingCalendar current;

    public WorkingCalendar current() {
        WorkingCalendar c = current;
        if (c == null) {
            c = QuarkusTransaction.joiningExisting().call(() -> {
                Map<java.time.LocalDate, WorkingCalendar.Kind> days = new HashMap<>();
                List<CalendarDay> all = CalendarDay.listAll();
                all.forEach(d -> days.put(d.day, d.kind));
                return new WorkingCalendar(days);
            });
            current = c;
        }
        return c;
    }

    @jakarta.inject.Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** Drops the cached calendar once the edit has committed. */
    public void invalidateAfterCommit() {
        current = null;
        org.gridgov.common.tx.Transactions.afterCompletion(transactions, () -> current = null);
    }
}
