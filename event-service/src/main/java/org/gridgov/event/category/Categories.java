package org.gridgov.event.category;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The category catalogue: what a report may be filed under, and each class's default urgency and
 * time limit. Intake reads it through a cache of a few seconds ({@code gridgov.event.categories.cache}),
 * so an edit made on one replica is in force on every replica within that time.
 */
@ApplicationScoped
public class Categories {
    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @jakarta.inject.Inject
    org.gridgov.event.config.EventConfig config;

    /** A category as intake needs it, detached from any session. */
    public record Snapshot(String key, String urgency, Integer timeLimitDays, Integer urgentHours, boolean active, boolean big, String county) {
    }

    private record Cached(Snapshot value, long until) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** the name under which an edit on any replica drops every replica's cache */
    static final String CACHE = "event.categories";

    @jakarta.inject.Inject
    org.gridgov.common.cache.ReplicaCaches replicas;

    void listen(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        replicas.onChange(CACHE, cache::clear);
    }

    /**
     * The small class a report is filed under.
     *
     * @throws ProblemException 400 naming {@code field} for an unknown, inactive or big class
     */
    public Snapshot reportable(String key, String field) {
        Snapshot c = key == null ? null : cached(key);
        if (c == null) {
            throw ProblemException.invalid(field, "unknown category " + key + "; GET /categories lists them");
        }
        if (!c.active() || c.big()) {
            throw ProblemException.invalid(field, c.active() ? key + " is a big class; file under one of its small classes"
                    : "category " + key + " is no longer in use");
        }
        return c;
    }

    private Snapshot cached(String key) {
        long now = System.nanoTime();
        Cached hit = cache.get(key);
        if (hit != null && hit.until() - now > 0) {
            return hit.value();
        }
        Category c = Category.findById(key);
        Snapshot s = c == null ? null : new Snapshot(c.key, c.urgency, c.timeLimitDays, c.urgentHours, c.active, c.parentKey == null, c.county);
        if (s != null) {
            cache.put(key, new Cached(s, now + config.categories().cache().toNanos()));
        }
        return s;
    }

    /**
     * A report's category against the county it lies in (null: not located): a county's own category is for reports
     * in that county only.
     *
     * @throws ProblemException 400 naming {@code field} for another county's category
     */
    public void checkCounty(String key, String reportCounty, String field) {
        Snapshot c = key == null ? null : cached(key);
        if (c != null && c.county() != null && !c.county().equals(reportCounty)) {
            throw ProblemException.invalid(field, "category " + key + " is county " + c.county() + "'s own; this report lies "
                    + (reportCounty == null ? "in no known grid" : "in county " + reportCounty) + ": use a shared category or one of its county's");
        }
    }

    public Category find(String key) {
        return key == null ? null : Category.findById(key);
    }

    /** @param counties the counties whose own categories to add to the shared ones; null: every county's */
    public List<Category> list(Category.Kind kind, boolean includeInactive, java.util.Collection<String> counties) {
        List<Category> all = Category.listAll(Sort.by("kind").and("code").and("county", Sort.Direction.Ascending, Sort.NullPrecedence.NULLS_FIRST));
        return all.stream().filter(c -> kind == null || kind.name().equals(c.kind)).filter(c -> includeInactive || c.active)
                .filter(c -> c.county == null || counties == null || counties.contains(c.county)).toList();
    }

    /**
     * Creates or replaces a category; the key, kind, code and county of an existing one cannot change. A new one goes to
     * {@code r.county()}, else to the county of a county's administrator, else to the shared catalogue. The caller
     * must administer its county ({@link Jurisdiction#checkAdminister}): the shared catalogue is the system
     * administrator's. A county's category hangs under a shared big class or one of its own county's, and its kind and
     * code may not clash with a shared category's nor another of its county's.
     */
    @Transactional
    public Category put(String key, CategoryRequest r, String actor, Jurisdiction caller) {
        if (!key.matches("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)?")) {
            throw ProblemException.invalid("key", "must look like environment or environment.garbage");
        }
        Category c = Category.findById(key, LockModeType.PESSIMISTIC_WRITE);
        String county = c != null ? c.county : r.county() != null ? r.county() : defaultCounty(caller);
        caller.checkAdminister(county, "category " + key);
        if (c != null && r.county() != null && !r.county().equals(c.county)) {
            throw ProblemException.invalid("county", key + " belongs to " + (c.county == null ? "the shared catalogue" : "county " + c.county)
                    + " and cannot move");
        }
        List<Problem.FieldError> errors = CategoryRules.check(key, r, c, county);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        boolean created = c == null;
        if (created) {
            c = new Category();
            c.key = key;
            c.kind = r.kind().name();
            c.code = r.code();
            c.county = county;
        } else {
            c.version++;
        }
        apply(c, r, actor);
        if (created) {
            c.persist();
        }
        em.flush();
        history(c, actor);
        cache.remove(key);
        replicas.changed(CACHE);
        return c;
    }

    /** a new category's county when the request names none: a county's administrator's own (when she has one) */
    private static String defaultCounty(Jurisdiction caller) {
        List<String> counties = caller.counties();
        return caller.countyAdmin() && counties.size() == 1 ? counties.get(0) : null;
    }

    private static void apply(Category c, CategoryRequest r, String actor) {
        c.nameZh = r.nameZh().strip();
        c.nameEn = r.nameEn().strip();
        c.parentKey = r.parentKey();
        c.urgency = (r.urgency() == null ? Category.Urgency.NORMAL : r.urgency()).name();
        c.timeLimitDays = r.timeLimitDays();
        c.urgentHours = r.urgentHours();
        c.active = r.active() == null || r.active();
        c.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        c.updatedBy = actor;
    }

    private void history(Category c, String actor) {
        try {
            em.createNativeQuery("insert into category_history (key, version, snapshot, changed_by, changed_at) "
                    + "values (?1, ?2, cast(?3 as jsonb), ?4, ?5)")
                    .setParameter(1, c.key).setParameter(2, c.version).setParameter(3, mapper.writeValueAsString(CategoryView.of(c)))
                    .setParameter(4, actor).setParameter(5, c.updatedAt).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Change(long version, String changedBy, OffsetDateTime changedAt, String snapshot) {
    }

    @SuppressWarnings("unchecked")
    public List<Change> history(String key) {
        List<Object[]> rows = em.createNativeQuery("select version, changed_by, changed_at, snapshot::text from category_history "
                + "where key = ?1 order by id").setParameter(1, key).getResultList();
        return rows.stream().map(r -> new Change(((Number) r[0]).longValue(), (String) r[1],
                r[2] instanceof java.time.Instant i ? i.atOffset(ZoneOffset.UTC) : (OffsetDateTime) r[2], (String) r[3])).toList();
    }
}
