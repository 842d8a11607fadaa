package org.gridgov.scoring.ledger;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.scoring.access.Counties;
import org.gridgov.scoring.rules.Fact;
import org.gridgov.scoring.rules.RuleBook;
import org.gridgov.scoring.rules.RuleVersion;
import org.gridgov.scoring.period.AccountingPeriods;
import org.gridgov.scoring.jdbc.Sql;

/**
 * The append-only ledger on a JDBC connection: the live service and a replay into another
 * database write through the same code. Every entry moves its subject's month, quarter and year
 * balance in the same transaction.
 */
public final class LedgerSql {
    private LedgerSql() {
    }

    /**
     * An entry to append. {@code factKey} makes a fact count once per rule and subject; {@code county} is the county it
     * counts in ({@link Counties}).
     */
    public record NewEntry(String subject, int points, RuleVersion rule, String factKey, String sourceEvent, String sourceRef,
            String period, String kind, OffsetDateTime occurredAt, String place, String reason, List<String> evidence,
            String indicator, String recordedBy, UUID corrects, String county) {
    }

    public static String subjectType(String subject) {
        int i = subject.indexOf(':');
        return i < 0 ? "" : subject.substring(0, i);
    }

    /** Appends the entry unless the same fact is already in the ledger; then the entry is empty. */
    public static Optional<EntryView> append(Connection c, NewEntry e) {
        registerSubject(c, e.subject(), null);
        Optional<EntryView> row = Sql.one(c, "insert into ledger_entry (id, subject, points, rule, source_event, source_ref, period, "
                + "status, created_at, rule_id, rule_version, fact_key, kind, subject_type, occurred_at, place, reason, evidence, "
                + "indicator, recorded_by, corrects, county) values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict do nothing returning " + EntryView.COLUMNS, EntryView::map,
                UUID.randomUUID(), e.subject(), e.points(), e.rule().rule(), e.sourceEvent(), e.sourceRef(), e.period(),
                org.gridgov.common.clock.SuiteClock.now(), e.rule().ruleId(), e.rule().version(), e.factKey(), e.kind(),
                subjectType(e.subject()), e.occurredAt(), e.place(), e.reason(), e.evidence() == null ? List.of() : e.evidence(),
                e.indicator(), e.recordedBy(), e.corrects(), e.county());
        row.ifPresent(v -> rollup(c, v.subject(), v.period(), v.points(), 0, v.points(), 0, 1));
        return row;
    }

    /**
     * Moves the month, quarter and year balances of a subject.
     *
     * @param points   change of pending + approved points
     * @param approved change of approved points
     */
    public static void rollup(Connection c, String subject, String month, long points, long approved, long pending, long rejected,
            int entries) {
        for (String p : List.of(month, AccountingPeriods.quarterOf(month), AccountingPeriods.yearOf(month))) {
            Sql.update(c, "insert into subject_balance as b (subject, period, subject_type, points, approved, pending, rejected, entries) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (subject, period) do update set points = b.points + excluded.points, "
                    + "approved = b.approved + excluded.approved, pending = b.pending + excluded.pending, "
                    + "rejected = b.rejected + excluded.rejected, entries = b.entries + excluded.entries",
                    subject, p, subjectType(subject), points, approved, pending, rejected, entries);
        }
    }

    /** Registers a subject if it is new; a grid brings its community and street (the first 12 and 9 digits of its code). */
    public static void registerSubject(Connection c, String subject, String homeCode) {
        String type = subjectType(subject);
        String code = subject.substring(subject.indexOf(':') + 1);
        String home = homeCode != null ? homeCode : type.equals("USER") ? null : code;
        Sql.update(c, "insert into subject (subject, subject_type, home_code) values (?, ?, ?) on conflict do nothing", subject, type, home);
    }

    public static void registerFrom(Connection c, EventLifecycleV1 e) {
        // users only: 12345 callers (12345:…) and partner systems (partner:…) have no account
        if (LoopFacts.isUser(e.reporterId())) {
            registerSubject(c, "USER:" + e.reporterId(), null);
        }
        LoopFacts.place(e).values().forEach(s -> registerSubject(c, s, null));
    }

    /**
     * The lifecycle steps that carry a fact or place an event (registering its subjects); the
     * others are skipped without touching the database.
     */
    public static final java.util.Set<EventType> CREDITED = java.util.EnumSet.of(EventType.EVENT_ACCEPTED, EventType.EVENT_LOCATED,
            EventType.EVENT_SOLVED_ON_SPOT, EventType.EVENT_CLOSED, EventType.EVENT_REWORK_REQUESTED,
            EventType.EVENT_REOPENED);

    /** Credits what a lifecycle transition earns: the entries written (none for a fact already credited or refused). */
    public static List<EntryView> creditLifecycle(Connection c, String cloudEventId, EventType type, EventLifecycleV1 e) {
        registerFrom(c, e);
        OffsetDateTime at = e.occurredAt() == null ? org.gridgov.common.clock.SuiteClock.now() : e.occurredAt();
        List<EntryView> out = new ArrayList<>();
        for (LoopFacts.LoopFact f : LoopFacts.of(cloudEventId, type, e)) {
            out.addAll(credit(c, new Credit(f.fact(), f::subjectFor, f.level(), f.factKey(), cloudEventId, event(e), at, null, e.note(),
                    f.evidence(), "lifecycle", county(e))));
        }
        return out;
    }

    /**
     * Credits a fact reported by another service (a visit made, a grid's monthly coverage): every
     * rule version in force at {@code at} for the fact, once per fact key.
     */
    public static List<EntryView> creditFact(Connection c, String cloudEventId, Fact fact, String subject, String factKey,
            String sourceRef, OffsetDateTime at, String place, String reason, List<String> evidence) {
        registerSubject(c, subject, null);
        String type = subjectType(subject);
        return credit(c, new Credit(fact, t -> t.equals("ANY") || t.equals(type) ? subject : null, null, factKey, cloudEventId,
                sourceRef, at, place, reason, evidence, "kafka", Counties.of(place)));
    }

    /**
     * A consumed fact to credit under every rule version in force for it.
     *
     * @param county the county the fact happened in (its grid's), null when unknown: the county of an individual without a home code
     */
    record Credit(Fact fact, java.util.function.Function<String, String> subjectFor, String level, String factKey, String sourceEvent,
            String sourceRef, OffsetDateTime at, String place, String reason, List<String> evidence, String recordedBy, String county) {
    }

    /** the county of a lifecycle fact: of its grid, community or street */
    static String county(EventLifecycleV1 e) {
        for (String code : new String[] { e.gridCode(), e.communityCode(), e.streetCode() }) {
            if (Counties.of(code) != null) {
                return Counties.of(code);
            }
        }
        return null;
    }

    /**
     * Every rule in force for the fact credits the subject of its type once, by the version in force for the subject's
     * county (the county's own if it has one, else the shared one). A rule that cannot credit the fact (its version
     * requires evidence the fact does not carry, or the fact names no subject of its type) refuses it: the refusal is
     * recorded with its reason ({@link RefusedFacts}), so nothing is dropped silently.
     */
    static List<EntryView> credit(Connection c, Credit f) {
        List<EntryView> out = new ArrayList<>();
        List<String> evidence = f.evidence() == null ? List.of() : f.evidence();
        Map<String, String> counties = new HashMap<>();
        for (String type : f.fact().subjectTypes()) {
            String subject = f.subjectFor().apply(type);
            if (subject != null) {
                counties.put(subject, Counties.ofSubject(c, subject, f.county()));
            }
        }
        Set<String> codes = new TreeSet<>();
        counties.values().stream().filter(java.util.Objects::nonNull).forEach(codes::add);
        for (Map<String, RuleVersion> byCounty : RuleBook.inForce(c, f.fact().name(), f.at(), codes).values()) {
            RuleVersion base = byCounty.containsKey(null) ? byCounty.get(null) : byCounty.values().iterator().next();
            String subject = f.subjectFor().apply(base.subjectType());
            String county = subject == null ? f.county() : counties.computeIfAbsent(subject, s -> Counties.ofSubject(c, s, f.county()));
            RuleVersion r = byCounty.containsKey(county) ? byCounty.get(county) : byCounty.get(null);
            if (r == null) {
                continue; // a rule only other counties have
            }
            if (!r.subjectType().equals(base.subjectType())) {
                subject = f.subjectFor().apply(r.subjectType());
            }
            if (subject == null) {
                RefusedFacts.refuse(c, r, f, null, "the " + f.fact() + " fact names no " + r.subjectType() + " subject");
                continue;
            }
            Integer points = r.pointsFor(f.level(), classOf(c, subject));
            if (points == null || points == 0) {
                continue; // the rule gives this level or class nothing: not a refusal
            }
            if (r.requiresEvidence() && evidence.isEmpty()) {
                RefusedFacts.refuse(c, r, f, subject, r.rule() + " requires evidence; the " + f.fact() + " fact carries none");
                continue;
            }
            String period = openPeriod(c, f.at(), county);
            append(c, new NewEntry(subject, points, r, f.factKey(), f.sourceEvent(), f.sourceRef(), period, "FACT", f.at(), f.place(),
                    f.reason(), evidence, null, f.recordedBy(), null, county)).ifPresent(out::add);
        }
        return out;
    }

    static String classOf(Connection c, String subject) {
        return Sql.one(c, "select class_code from subject where subject = ?", rs -> rs.getString(1), subject).orElse(null);
    }

    /** The month a fact at {@code at} lands in: its own, or the first open one after it when that is locked. */
    private static String openPeriod(Connection c, OffsetDateTime at, String county) {
        String factMonth = AccountingPeriods.monthOf(at);
        AccountingPeriods.guard(c, factMonth, false);
        String period = AccountingPeriods.firstOpenMonth(c, factMonth, county);
        if (!period.equals(factMonth)) {
            AccountingPeriods.guard(c, period, false);
        }
        return period;
    }

    private static String event(EventLifecycleV1 e) {
        return String.valueOf(e.eventId());
    }

    public static Optional<EntryView> entry(Connection c, UUID id) {
        return Sql.one(c, "select " + EntryView.COLUMNS + " from ledger_entry where id = ?", EntryView::map, id);
    }

    public static boolean knownSubject(Connection c, String subject) {
        return Sql.count(c, "select count(*) from subject where subject = ?", subject) > 0
                || Sql.count(c, "select count(*) from (select 1 from ledger_entry where subject = ? limit 1) x", subject) > 0;
    }
}
