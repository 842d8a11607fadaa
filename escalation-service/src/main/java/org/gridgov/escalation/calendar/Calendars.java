package org.gridgov.escalation.calendar;

import java.time.OffsetDateTime;
import java.util.Set;

import org.gridgov.common.cache.ReplicaCaches;
import org.gridgov.common.calendar.CountyCalendars;
import org.gridgov.common.calendar.WorkingCalendar;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The working calendar as stored in the database: the national days, each county's local days, and the years whose
 * national days are loaded (the State Council's notice), cached until any replica edits them ({@link CountyCalendars}).
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

    /** the calendars, loaded on first use after each change */
    private CountyCalendars.Cache cache;

    @jakarta.annotation.PostConstruct
    void init() {
        cache = new CountyCalendars.Cache(CACHE, () -> QuarkusTransaction.joiningExisting().call(() -> CountyCalendars.load(em)),
                replicas, transactions);
    }

    /** The national calendar. */
    public WorkingCalendar current() {
        return cache.get().national();
    }

    /** The calendar of a county (6 digits) or of the county of a place code: national days and the county's own. */
    public WorkingCalendar of(String countyOrPlace) {
        return cache.get().of(countyOrPlace);
    }

    public CountyCalendars all() {
        return cache.get();
    }

    /** The years whose holidays and make-up working days are loaded. */
    public Set<Integer> years() {
        return cache.get().years();
    }

    /** Whether every year from {@code from}'s to {@code to}'s is loaded: a deadline between them counts real working days. */
    public boolean covers(OffsetDateTime from, OffsetDateTime to) {
        return cache.get().covers(from, to);
    }

    /** Drops the cached calendar on every replica once the edit has committed. */
    public void invalidateAfterCommit() {
        cache.invalidateAfterCommit();
    }
}
