package org.gridgov.scoring.audit;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.problem.Problem.FieldError;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.scoring.ledger.LedgerSql;
import org.gridgov.scoring.access.Counties;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.access.Duties;
import org.gridgov.scoring.period.AccountingPeriods;
import org.gridgov.scoring.jdbc.Sql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The monthly audit (一月一审核): approve or reject pending entries, then lock the month. */
@ApplicationScoped
public class Audits {

    /**
     * Either {@code entryIds} (one by one) or {@code all} (every pending entry of the month, optionally of one subject).
     *
     * @param decision APPROVED or REJECTED; a rejection needs a reason
     */
    public record DecisionRequest(String decision, String reason, List<UUID> entryIds, Boolean all, String subject) {
    }

    public record DecisionResult(String period, String decision, int entries, long points) {
    }

    /**
     * A month's audit in the caller's counties (or every county).
     *
     * @param locked         locked for each of {@code counties} (their own locks or a lock of every county); for every county:
     *                       by a lock of every county
     * @param counties       the counties it is about; empty: every county. Entries of individuals without a home code (no
     *                       county) count in every county's audit
     * @param lockedCounties the counties whose own lock the month has
     */
    public record MonthStatus(String period, boolean locked, OffsetDateTime lockedAt, String lockedBy, long pending, long approved,
            long rejected, long pendingPoints, long approvedPoints, long rejectedPoints, List<String> counties, List<String> lockedCounties) {
    }

    record Row(UUID id, String subject, String period, String status, int points, String recordedBy) {
    }

    @Inject
    Db db;

    public MonthStatus status(String month, List<String> counties) {
        AccountingPeriods.parse(month, "period", AccountingPeriods.Kind.MONTH);
        return db.read(c -> status(c, month, counties));
    }

    static MonthStatus status(Connection c, String month, List<String> counties) {
        Map<String, long[]> byStatus = new HashMap<>();
        String[] in = counties.toArray(String[]::new);
        Sql.list(c, "select status, count(*), coalesce(sum(points), 0) from ledger_entry where period = ? "
                + "and (cardinality(?::text[]) = 0 or county is null or county = any(?)) group by status", rs -> {
                    byStatus.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
                    return null;
                }, month, in, in);
        long[] none = { 0, 0 };
        long[] p = byStatus.getOrDefault("PENDING", none), a = byStatus.getOrDefault("APPROVED", none),
                r = byStatus.getOrDefault("REJECTED", none);
        List<String> locked = Sql.list(c, "select county from period_lock where period = ? and county is not null order by county",
                rs -> rs.getString(1), month);
        if (!AccountingPeriods.lockedForEach(c, month, counties)) {
            return new MonthStatus(month, false, null, null, p[0], a[0], r[0], p[1], a[1], r[1], counties, locked);
        }
        return Sql.one(c, "select locked_at, locked_by from period_lock where period = ? and (county is null or county = any(?)) "
                + "order by locked_at desc limit 1",
                rs -> new MonthStatus(month, true, Sql.time(rs, "locked_at"), rs.getString("locked_by"), p[0], a[0], r[0], p[1], a[1], r[1],
                        counties, locked),
                month, in).orElseThrow();
    }

    @Transactional
    public DecisionResult decide(String month, DecisionRequest req, String auditor) {
        return decide(month, req, auditor, org.gridgov.common.security.Jurisdiction.of(auditor, java.util.Set.of("admin"), Map.of()));
    }

    /** Decides only entries of subjects inside the auditor's jurisdiction. */
    @Transactional
    public DecisionResult decide(String month, DecisionRequest req, String auditor, org.gridgov.common.security.Jurisdiction scope) {
        AccountingPeriods.parse(month, "period", AccountingPeriods.Kind.MONTH);
        checkRequest(req);
        if (req.subject() != null && req.subject().equals(Duties.self(auditor))) {
            throw new ProblemException(403, "Forbidden", "nobody audits her own points",
                    List.of(new FieldError("subject", Duties.whyNotAuditor(auditor, req.subject(), null))));
        }
        return db.inTx(c -> {
            AccountingPeriods.guard(c, month, false);
            if (AccountingPeriods.lockedForEach(c, month, Counties.ofCaller(scope))) {
                throw new ProblemException(409, "Conflict", "period " + month + " is locked; its audit is over",
                        List.of(new FieldError("period", "locked")));
            }
            List<Row> rows = Boolean.TRUE.equals(req.all()) ? pendingRows(c, month, req, auditor, scope) : namedRows(c, month, req, auditor, scope);
            return apply(c, month, req, auditor, rows);
        });
    }

    /** 400 naming every bad field of the request */
    private static void checkRequest(DecisionRequest req) {
        if (req == null) {
            throw ProblemException.invalid("body", "a JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (req.decision() == null || !List.of("APPROVED", "REJECTED").contains(req.decision())) {
            errors.add(new FieldError("decision", "APPROVED or REJECTED"));
        }
        if ("REJECTED".equals(req.decision()) && (req.reason() == null || req.reason().isBlank())) {
            errors.add(new FieldError("reason", "a rejection needs a reason"));
        }
        if (req.reason() != null && req.reason().length() > 1000) {
            errors.add(new FieldError("reason", "at most 1000 characters"));
        }
        boolean all = Boolean.TRUE.equals(req.all());
        boolean some = req.entryIds() != null && !req.entryIds().isEmpty();
        if (all == some) {
            errors.add(new FieldError("entryIds", "give either entryIds or all: true"));
        }
        if (some && req.entryIds().size() > 10_000) {
            errors.add(new FieldError("entryIds", "at most 10000 entries per decision"));
        }
        if (req.subject() != null && !all) {
            errors.add(new FieldError("subject", "subject filters all: true only"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6));
    }

    /** all: true: the month's pending entries (of one subject) the auditor reaches and may decide, locked for the decision */
    private static List<Row> pendingRows(Connection c, String month, DecisionRequest req, String auditor,
            org.gridgov.common.security.Jurisdiction scope) {
        List<Row> rows = Sql.list(c, "select id, subject, period, status, points, recorded_by from ledger_entry where period = ? and status = 'PENDING' "
                + (req.subject() == null ? "" : "and subject = ? ") + "order by id for update", Audits::row,
                req.subject() == null ? new Object[] { month } : new Object[] { month, req.subject() });
        return rows.stream().filter(r -> org.gridgov.scoring.access.SubjectScope.visible(c, scope, r.subject()))
                .filter(r -> Duties.whyNotAuditor(auditor, r.subject(), r.recordedBy()) == null).toList();
    }

    /**
     * entryIds: the named entries, locked for the decision; all or nothing: 403 naming an entry the auditor may not decide, 409
     * when they are all already decided, else 400 naming an entry unknown (or out of reach) or of another month
     */
    private static List<Row> namedRows(Connection c, String month, DecisionRequest req, String auditor,
            org.gridgov.common.security.Jurisdiction scope) {
        List<Row> rows = Sql.list(c, "select id, subject, period, status, points, recorded_by from ledger_entry where id = any(?) order by id for update",
                Audits::row, (Object) req.entryIds().toArray(new UUID[0]));
        Map<UUID, Row> byId = new HashMap<>();
        rows = rows.stream().filter(r -> org.gridgov.scoring.access.SubjectScope.visible(c, scope, r.subject())).toList();
        rows.forEach(r -> byId.put(r.id(), r));
        boolean conflict = false;
        List<FieldError> errors = new ArrayList<>();
        List<FieldError> forbidden = new ArrayList<>();
        for (int i = 0; i < req.entryIds().size(); i++) {
            UUID id = req.entryIds().get(i);
            Row r = id == null ? null : byId.get(id);
            String notYours = r == null ? null : Duties.whyNotAuditor(auditor, r.subject(), r.recordedBy());
            if (notYours != null) {
                forbidden.add(new FieldError("entryIds[" + i + "]", notYours));
            } else if (r == null) {
                errors.add(new FieldError("entryIds[" + i + "]", "no ledger entry " + id));
            } else if (!r.period().equals(month)) {
                errors.add(new FieldError("entryIds[" + i + "]", "entry " + id + " belongs to period " + r.period()));
            } else if (!r.status().equals("PENDING")) {
                errors.add(new FieldError("entryIds[" + i + "]", "entry " + id + " is already " + r.status()));
                conflict = true;
            }
        }
        if (!forbidden.isEmpty()) {
            throw new ProblemException(403, "Forbidden", "nobody audits her own points or an entry she recorded", forbidden);
        }
        if (!errors.isEmpty()) {
            throw conflict && errors.stream().allMatch(e -> e.reason().contains("already"))
                    ? new ProblemException(409, "Conflict", "an audit decision is final", errors)
                    : ProblemException.invalid(errors);
        }
        return rows;
    }

    /** records the decision on the rows and moves their subjects' balances */
    private static DecisionResult apply(Connection c, String month, DecisionRequest req, String auditor, List<Row> rows) {
        OffsetDateTime now = org.gridgov.common.clock.SuiteClock.now();
        Sql.update(c, "update ledger_entry set status = ?, audited_by = ?, audit_reason = ?, audited_at = ? where id = any(?)",
                req.decision(), auditor, req.reason(), now, rows.stream().map(Row::id).toArray(UUID[]::new));
        boolean approve = req.decision().equals("APPROVED");
        Map<String, long[]> bySubject = new java.util.TreeMap<>();
        for (Row r : rows) {
            long[] t = bySubject.computeIfAbsent(r.subject(), s -> new long[1]);
            t[0] += r.points();
        }
        long total = 0;
        for (Map.Entry<String, long[]> e : bySubject.entrySet()) {
            long p = e.getValue()[0];
            total += p;
            if (approve) {
                LedgerSql.rollup(c, e.getKey(), month, 0, p, -p, 0, 0);
            } else {
                LedgerSql.rollup(c, e.getKey(), month, -p, 0, -p, p, 0);
            }
        }
        return new DecisionResult(month, req.decision(), rows.size(), total);
    }

    /**
     * Locks the month for each of {@code counties}, or (empty) for every county at once: the system administrator's lock.
     * Every entry of those counties (of the whole month), and of individuals without a county, must be decided. All or
     * nothing; a county office locks her own counties only ({@link Counties}).
     */
    @Transactional
    public MonthStatus lock(String month, List<String> counties, String by, org.gridgov.common.security.Jurisdiction scope) {
        AccountingPeriods.parse(month, "period", AccountingPeriods.Kind.MONTH);
        Counties.checkCountyWide(scope, counties, "locking " + month);
        return db.inTx(c -> {
            AccountingPeriods.guard(c, month, true);
            List<String> already = counties.isEmpty() ? (AccountingPeriods.lockedForAll(c, month) ? List.of("every county") : List.of())
                    : counties.stream().filter(k -> AccountingPeriods.locked(c, month, k)).toList();
            if (!already.isEmpty()) {
                throw new ProblemException(409, "Conflict", "period " + month + " is already locked for " + String.join(", ", already),
                        List.of(new FieldError("period", "locked")));
            }
            if (month.compareTo(AccountingPeriods.currentMonth()) >= 0) {
                throw new ProblemException(409, "Conflict", "period " + month + " has not ended yet",
                        List.of(new FieldError("period", "not ended")));
            }
            MonthStatus s = status(c, month, counties);
            if (s.pending() > 0) {
                throw new ProblemException(409, "Conflict", s.pending() + " entries of " + month
                        + (counties.isEmpty() ? "" : " in " + String.join(", ", counties)) + " are still pending; approve or reject them first",
                        List.of(new FieldError("period", s.pending() + " entries pending")));
            }
            OffsetDateTime now = org.gridgov.common.clock.SuiteClock.now();
            for (String county : counties.isEmpty() ? java.util.Collections.<String>singletonList(null) : counties) {
                MonthStatus own = status(c, month, county == null ? List.of() : List.of(county));
                Sql.update(c, "insert into period_lock (period, county, locked_at, locked_by, approved, rejected) values (?, ?, ?, ?, ?, ?)",
                        month, county, now, by, own.approved(), own.rejected());
            }
            return status(c, month, counties);
        });
    }
}
