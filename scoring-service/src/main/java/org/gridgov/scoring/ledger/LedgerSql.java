package org.gridgov.scoring.ledger;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EventLifecycleV1;
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

    /** An entry to append. {@code factKey} makes a fact count once per rule and subject. */
    public record NewEntry(String subject, int points, RuleVersion rule, String factKey, String sourceEvent, String sourceRef,
            String period, String kind, OffsetDateTime occurredAt, String place, String reason, List<String> evidence,
            String indicator, String recordedBy, UUID corrects) {
    }

    /** A fact of the loop derived from a lifecycle event. */
    public record LifecycleFact(Fact fact, String subject, String level, String factKey) {
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
                + "indicator, recorded_by, corrects) values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict do nothing returning " + EntryView.COLUMNS, EntryView::map,
                UUID.randomUUID(), e.subject(), e.points(), e.rule().rule(), e.sourceEvent(), e.sourceRef(), e.period(),
                org.gridgov.common.clock.SuiteClock.now(), e.rule().ruleId(), e.rule().version(), e.factKey(), e.kind(),
                subjectType(e.subject()), e.occurredAt(), e.place(), e.reason(), e.evidence() == null ? List.of() : e.evidence(),
                e.indicator(), e.recordedBy(), e.corrects());
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
        if (e.reporterId() != null && !e.reporterId().isBlank() && !e.reporterId().contains(":")) {
            registerSubject(c, "USER:" + e.reporterId(), null);
        }
        String grid = e.gridCode();
        if (grid != null && !grid.isBlank()) {
            registerSubject(c, "GRID:" + grid, grid);
            String community = e.communityCode() != null ? e.communityCode() : grid.length() >= 12 ? grid.substring(0, 12) : null;
            String street = e.streetCode() != null ? e.streetCode() : grid.length() >= 9 ? grid.substring(0, 9) : null;
            if (community != null) {
                registerSubject(c, "COMMUNITY:" + community, community);
            }
            if (street != null) {
                registerSubject(c, "STREET:" + street, street);
            }
        }
    }

    /**
     * The lifecycle steps that carry a fact or place an event (registering its subjects); the
     * others are skipped without touching the database.
     */
    public static final java.util.Set<EventType> CREDITED = java.util.EnumSet.of(EventType.EVENT_ACCEPTED, EventType.EVENT_LOCATED,
            EventType.EVENT_SOLVED_ON_SPOT, EventType.EVENT_CLOSED, EventType.EVENT_REWORK_REQUESTED,
            EventType.EVENT_REOPENED);

    /** The facts of the loop a lifecycle transition carries. */
    public static List<LifecycleFact> factsOf(String cloudEventId, EventType type, EventLifecycleV1 e) {
        List<LifecycleFact> out = new ArrayList<>();
        String event = String.valueOf(e.eventId());
        String grid = e.gridCode() == null || e.gridCode().isBlank() ? null : "GRID:" + e.gridCode();
        switch (type) {
            case EVENT_ACCEPTED -> {
                // 立案: a valid report. Hotline callers (12345:…) and partner systems (partner:…) are not users with accounts.
                if (e.reporterId() != null && !e.reporterId().isBlank() && !e.reporterId().contains(":")) {
                    out.add(new LifecycleFact(Fact.VALID_REPORT, "USER:" + e.reporterId(), null, event));
                }
            }
            case EVENT_SOLVED_ON_SPOT -> {
                // 即办件: the grid worker who fixed it on the spot
                if (e.actor() != null && !e.actor().isBlank()) {
                    out.add(new LifecycleFact(Fact.SOLVED_ON_SPOT, "USER:" + e.actor(), null, event));
                }
            }
            case EVENT_CLOSED -> {
                if (grid != null) {
                    // 回访未果 (followUpOutcome NO_ANSWER): nobody rated it, so no satisfaction level and no points for one
                    out.add(new LifecycleFact(Fact.CLOSED, grid, "NO_ANSWER".equals(e.followUpOutcome()) ? null : e.satisfaction(), event));
                    if (Boolean.TRUE.equals(e.onTime())) {
                        out.add(new LifecycleFact(Fact.RESOLVED_ON_TIME, grid, null, event));
                    } else if (Boolean.FALSE.equals(e.onTime())) {
                        out.add(new LifecycleFact(Fact.OVERDUE, grid, null, event));
                    }
                }
            }
            case EVENT_REWORK_REQUESTED -> {
                if (grid != null) {
                    out.add(new LifecycleFact(Fact.REWORK, grid, null, cloudEventId));
                }
            }
            case EVENT_REOPENED -> {
                if (grid != null) {
                    out.add(new LifecycleFact(Fact.REOPENED, grid, e.satisfaction() == null ? "DISSATISFIED" : e.satisfaction(),
                            cloudEventId));
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** Credits what a lifecycle transition earns: the entries written (none for a fact already credited). */
    public static List<EntryView> creditLifecycle(Connection c, String cloudEventId, EventType type, EventLifecycleV1 e) {
        registerFrom(c, e);
        OffsetDateTime at = e.occurredAt() == null ? org.gridgov.common.clock.SuiteClock.now() : e.occurredAt();
        List<EntryView> out = new ArrayList<>();
        for (LifecycleFact f : factsOf(cloudEventId, type, e)) {
            String subjectClass = Sql.one(c, "select class_code from subject where subject = ?", rs -> rs.getString(1), f.subject())
                    .orElse(null);
            for (RuleVersion r : RuleBook.inForce(c, f.fact().name(), at)) {
                Integer points = r.pointsFor(f.level(), subjectClass);
                if (points == null || points == 0) {
                    continue;
                }
                String period = openPeriod(c, at);
                append(c, new NewEntry(f.subject(), points, r, f.factKey(), cloudEventId, event(e), period, "FACT", at, null,
                        e.note(), List.of(), null, "lifecycle", null)).ifPresent(out::add);
            }
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
        String subjectClass = Sql.one(c, "select class_code from subject where subject = ?", rs -> rs.getString(1), subject).orElse(null);
        List<EntryView> out = new ArrayList<>();
        for (RuleVersion r : RuleBook.inForce(c, fact.name(), at)) {
            Integer points = r.pointsFor(null, subjectClass);
            if (points == null || points == 0) {
                continue;
            }
            String period = openPeriod(c, at);
            append(c, new NewEntry(subject, points, r, factKey, cloudEventId, sourceRef, period, "FACT", at, place, reason,
                    evidence, null, "kafka", null)).ifPresent(out::add);
        }
        return out;
    }

    /** The month a fact at {@code at} lands in: its own, or the first open one after it when that is locked. */
    private static String openPeriod(Connection c, OffsetDateTime at) {
        String factMonth = AccountingPeriods.monthOf(at);
        AccountingPeriods.guard(c, factMonth, false);
        String period = AccountingPeriods.firstOpenMonth(c, factMonth);
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
