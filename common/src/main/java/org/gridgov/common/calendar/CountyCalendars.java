package org.gridgov.common.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.gridgov.common.cache.ReplicaCaches;
import org.gridgov.common.tx.Transactions;

import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The working calendar of every county, as a service stores it in its {@code calendar_day} table (columns
 * {@code county}, {@code day}, {@code kind}) and {@code calendar_year} table (the years whose national days are loaded):
 * the national days (county null: the State Council's notice) and each county's local days (a local festival, or a
 * local make-up working day), which take precedence over the national ones on the same date. A task or an event counts
 * with the calendar of its county ({@link #of(String)}); a county without local days counts with the national one.
 * escalation-service (which holds the days) and event-service (which receives them) share this class, and its
 * {@link Cache}.
 */
public final class CountyCalendars {
    /** No day loaded: Monday to Friday everywhere. */
    public static final CountyCalendars NONE = new CountyCalendars(Map.of(), Map.of(), Set.of());

    private final Map<LocalDate, WorkingCalendar.Kind> national;
    private final Map<String, Map<LocalDate, WorkingCalendar.Kind>> local;
    private final Set<Integer> years;
    private final WorkingCalendar nationalCalendar;
    private final Map<String, WorkingCalendar> built = new ConcurrentHashMap<>();

    /**
     * @param national the national days that differ from Monday to Friday
     * @param local    per county (6 digits), its local days
     * @param years    the years whose national days are loaded
     */
    public CountyCalendars(Map<LocalDate, WorkingCalendar.Kind> national, Map<String, Map<LocalDate, WorkingCalendar.Kind>> local,
            Set<Integer> years) {
        this.national = Map.copyOf(national);
        Map<String, Map<LocalDate, WorkingCalendar.Kind>> copy = new HashMap<>();
        local.forEach((c, days) -> copy.put(c, Map.copyOf(days)));
        this.local = Map.copyOf(copy);
        this.years = Set.copyOf(new TreeSet<>(years));
        this.nationalCalendar = new WorkingCalendar(this.national);
    }

    /** From rows of (county or null, day, kind), as read from {@code calendar_day}. */
    public static CountyCalendars of(List<Object[]> rows, Set<Integer> years) {
        Map<LocalDate, WorkingCalendar.Kind> national = new HashMap<>();
        Map<String, Map<LocalDate, WorkingCalendar.Kind>> local = new HashMap<>();
        for (Object[] r : rows) {
            LocalDate day = r[1] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[1];
            WorkingCalendar.Kind kind = r[2] instanceof WorkingCalendar.Kind k ? k : WorkingCalendar.Kind.valueOf((String) r[2]);
            (r[0] == null ? national : local.computeIfAbsent((String) r[0], c -> new HashMap<>())).put(day, kind);
        }
        return new CountyCalendars(national, local, years);
    }

    /** Reads {@code calendar_day (county, day, kind)} and {@code calendar_year (year)} in the caller's transaction. */
    @SuppressWarnings("unchecked")
    public static CountyCalendars load(EntityManager em) {
        List<Object[]> rows = em.createNativeQuery("select county, day, kind from calendar_day").getResultList();
        List<Number> years = em.createNativeQuery("select year from calendar_year").getResultList();
        return of(rows, new TreeSet<>(years.stream().map(Number::intValue).toList()));
    }

    /** The national calendar (the State Council's days only). */
    public WorkingCalendar national() {
        return nationalCalendar;
    }

    /** The calendar of a county (6 digits, or a longer place code whose first 6 digits are the county); null: national. */
    public WorkingCalendar of(String county) {
        String c = county == null || county.length() < 6 ? null : county.substring(0, 6);
        if (c == null || !local.containsKey(c)) {
            return nationalCalendar;
        }
        return built.computeIfAbsent(c, k -> {
            Map<LocalDate, WorkingCalendar.Kind> days = new HashMap<>(national);
            days.putAll(local.get(k));
            return new WorkingCalendar(days);
        });
    }

    /** The local days of a county, by date (empty without any). */
    public Map<LocalDate, WorkingCalendar.Kind> localDays(String county) {
        return local.getOrDefault(county, Map.of());
    }

    /** The counties with local days. */
    public Set<String> counties() {
        return new TreeSet<>(local.keySet());
    }

    /** The years whose national days are loaded. */
    public Set<Integer> years() {
        return new TreeSet<>(years);
    }

    /** Whether every year from {@code from}'s to {@code to}'s is loaded: a deadline between them counts real working days. */
    public boolean covers(OffsetDateTime from, OffsetDateTime to) {
        for (int y = from.atZoneSameInstant(WorkingCalendar.ZONE).getYear(); y <= to.atZoneSameInstant(WorkingCalendar.ZONE).getYear(); y++) {
            if (!years.contains(y)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The calendars as last loaded, until any replica changes them ({@link ReplicaCaches} under {@code name}). The
     * service's bean creates one at start and calls {@link #invalidateAfterCommit()} in the transaction that changes
     * the days.
     */
    public static final class Cache {
        private final String name;
        private final Supplier<CountyCalendars> loader;
        private final ReplicaCaches replicas;
        private final TransactionSynchronizationRegistry transactions;
        private volatile CountyCalendars current;

        /** @param loader loads the calendars in a transaction (joining the caller's) */
        public Cache(String name, Supplier<CountyCalendars> loader, ReplicaCaches replicas, TransactionSynchronizationRegistry transactions) {
            this.name = name;
            this.loader = loader;
            this.replicas = replicas;
            this.transactions = transactions;
            if (replicas != null) {
                replicas.onChange(name, this::drop);
            }
        }

        public CountyCalendars get() {
            CountyCalendars c = current;
            if (c == null) {
                c = loader.get();
                current = c;
            }
            return c;
        }

        /** Drops the calendars on this replica now. */
        public void drop() {
            current = null;
        }

        /** In the caller's transaction: drops the calendars now, again when it completes, and on every replica. */
        public void invalidateAfterCommit() {
            current = null;
            Transactions.afterCompletion(transactions, this::drop);
            replicas.changed(name);
        }
    }
}
