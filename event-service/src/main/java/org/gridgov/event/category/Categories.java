package org.gridgov.event.category;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;

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
    public record Snapshot(String key, String urgency, Integer timeLimitDays, Integer urgentHours, boolean active, boolean big) {
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
        Snapshot s = c == null ? null : new Snapshot(c.key, c.urgency, c.timeLimitDays, c.urgentHours, c.active, c.parentKey == null);
        if (s != null) {
            cache.put(key, new Cached(s, now + config.categories().cache().toNanos()));
        }
        return s;
    }

    public Category find(String key) {
        return key == null ? null : Category.findById(key);
    }

    public List<Category> list(Category.Kind kind, boolean includeInactive) {
        List<Category> all = Category.listAll(Sort.by("kind").and("code"));
        return all.stream().filter(c -> kind == null || kind.name().equals(c.kind)).filter(c -> includeInactive || c.active).toList();
    }

    /** Creates or replaces a category; the key, kind and code of an existing one cannot change. */
    @Transactional
    public Category put(String key, CategoryRequest r, String actor) {
        if (!key.matches("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)?")) {
            throw ProblemException.invalid("key", "must look like environment or environment.garbage");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean big = r.code().length() == 2;
        if (big != (r.parentKey() == null)) {
            errors.add(new Problem.FieldError("parentKey", big ? "a big class (2-digit code) has no parent" : "a small class needs its big class"));
        }
        if (big == key.contains(".")) {
            errors.add(new Problem.FieldError("key", big ? "a big class's key has no dot" : "a small class's key is <big class>.<name>"));
        }
        Category.Urgency urgency = r.urgency() == null ? Category.Urgency.NORMAL : r.urgency();
        if (urgency == Category.Urgency.URGENT && r.urgentHours() == null) {
            errors.add(new Problem.FieldError("urgentHours", "an urgent class needs its time limit in hours"));
        }
        if (!big && r.parentKey() != null) {
            Category parent = Category.findById(r.parentKey());
            if (parent == null || parent.parentKey != null) {
                errors.add(new Problem.FieldError("parentKey", "no big class " + r.parentKey()));
            } else {
                if (!r.code().startsWith(parent.code)) {
                    errors.add(new Problem.FieldError("code", "a small class's code starts with its big class's code " + parent.code));
                }
                if (!parent.kind.equals(r.kind().name())) {
                    errors.add(new Problem.FieldError("kind", "the big class " + parent.key + " is " + parent.kind));
                }
                if (!key.startsWith(parent.key + ".")) {
                    errors.add(new Problem.FieldError("key", "a small class's key starts with " + parent.key + "."));
                }
            }
        }
        Category c = Category.findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (c != null && (!c.kind.equals(r.kind().name()) || !c.code.equals(r.code()))) {
            errors.add(new Problem.FieldError("code", "the kind and code of " + key + " are " + c.kind + " " + c.code + " and cannot change"));
        }
        if (c == null && Category.count("kind = ?1 and code = ?2", r.kind().name(), r.code()) > 0) {
            errors.add(new Problem.FieldError("code", r.kind() + " code " + r.code() + " is taken"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        boolean created = c == null;
        if (created) {
            c = new Category();
            c.key = key;
            c.kind = r.kind().name();
            c.code = r.code();
        } else {
            c.version++;
        }
        c.nameZh = r.nameZh().strip();
        c.nameEn = r.nameEn().strip();
        c.parentKey = r.parentKey();
        c.urgency = urgency.name();
        c.timeLimitDays = r.timeLimitDays();
        c.urgentHours = r.urgentHours();
        c.active = r.active() == null || r.active();
        c.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        c.updatedBy = actor;
        if (created) {
            c.persist();
        }
        em.flush();
        history(c, actor);
        cache.remove(key);
        replicas.changed(CACHE);
        return c;
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
