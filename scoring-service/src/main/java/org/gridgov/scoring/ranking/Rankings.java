package org.gridgov.scoring.ranking;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.problem.Problem.FieldError;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;
import org.gridgov.scoring.access.Counties;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.period.AccountingPeriods;
import org.gridgov.scoring.jdbc.Sql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Leaderboards from the balance roll-ups. Order: points (pending + approved) descending, then
 * the subject ascending, so equal points always come out in the same order; {@code rank} is the
 * competition rank (equal points share it), {@code position} is the place in that order.
 */
@ApplicationScoped
public class Rankings {
    public static final List<String> LEVELS = List.of("USER", "GRID", "COMMUNITY", "STREET");
    public static final List<String> PUBLISHED_LEVELS = List.of("GRID", "COMMUNITY", "STREET");

    public record RankRow(int position, int rank, String subject, long points, long approved, long pending, int entries) {
    }

    public record Ranking(String level, String period, String within, String classCode, int offset, List<RankRow> rows) {
    }

    public record PublishedRow(int position, int rank, String subject, long points, int entries) {
    }

    public record Published(String level, String period, OffsetDateTime publishedAt, String publishedBy, long subjects,
            List<PublishedRow> rows) {
    }

    public record PublishResult(String period, OffsetDateTime publishedAt, Map<String, Long> subjects) {
    }

    @Inject
    Db db;

    public Ranking live(String level, String period, String within, String classCode, Integer limit, Integer offset) {
        List<FieldError> errors = new ArrayList<>();
        if (level == null || !LEVELS.contains(level)) {
            errors.add(new FieldError("level", "one of " + LEVELS));
        }
        if (within != null && !within.matches("^[0-9]{1,20}$")) {
            errors.add(new FieldError("within", "a street, community or grid code (digits)"));
        }
        if (classCode != null && !"USER".equals(level)) {
            errors.add(new FieldError("class", "only individuals (level USER) have classes"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        AccountingPeriods.Period p = AccountingPeriods.parse(period, "period");
        int n = limit == null ? 50 : Math.max(1, Math.min(limit, 500));
        int skip = offset == null ? 0 : Math.max(0, Math.min(offset, 100_000));
        StringBuilder where = new StringBuilder("b.subject_type = ? and b.period = ?");
        List<Object> args = new ArrayList<>(List.of(level, p.value()));
        String join = "";
        if (within != null) {
            if (level.equals("USER")) {
                join = " join subject s on s.subject = b.subject";
                where.append(" and s.home_code like ?");
            } else {
                where.append(" and b.subject like ?");
                within = level + ":" + within;
            }
            args.add(within.replace("%", "") + "%");
        }
        if (classCode != null) {
            if (join.isEmpty()) {
                join = " join subject s on s.subject = b.subject";
            }
            where.append(" and s.class_code = ?");
            args.add(classCode);
        }
        String sql = "select b.subject, b.points, b.approved, b.pending, b.entries, "
                + "rank() over (order by b.points desc) rnk, row_number() over (order by b.points desc, b.subject) pos "
                + "from subject_balance b" + join + " where " + where + " order by b.points desc, b.subject limit " + n + " offset " + skip;
        String w = within;
        return db.read(c -> new Ranking(level, p.value(), w == null ? null : w.substring(w.indexOf(':') + 1), classCode, skip,
                Sql.list(c, sql, rs -> new RankRow(rs.getInt("pos"), rs.getInt("rnk"), rs.getString("subject"), rs.getLong("points"),
                        rs.getLong("approved"), rs.getLong("pending"), rs.getInt("entries")), args.toArray())));
    }

    /**
     * Freezes the quarter's rankings of grids, communities and streets; its three months must be locked, and every
     * county with a ranked subject in the quarter must be the caller's ({@link Counties}).
     */
    @Transactional
    public PublishResult publish(String quarter, String by, Jurisdiction scope) {
        AccountingPeriods.Period p = AccountingPeriods.parse(quarter, "period", AccountingPeriods.Kind.QUARTER);
        return db.inTx(c -> {
            Sql.one(c, "select pg_advisory_xact_lock(hashtext('scoring.publish:' || ?))::text", rs -> rs.getString(1), p.value());
            Counties.checkWithin(c, scope, p.value(), PUBLISHED_LEVELS, "publishing the rankings of " + p.value());
            List<String> open = new ArrayList<>();
            for (String m : p.months()) {
                if (!AccountingPeriods.locked(c, m)) {
                    open.add(m);
                }
            }
            if (!open.isEmpty()) {
                throw new ProblemException(409, "Conflict", "the quarter's months must be audited and locked first; open: " + open,
                        List.of(new FieldError("period", "months not locked: " + open)));
            }
            if (Sql.count(c, "select count(*) from ranking_snapshot where period = ?", p.value()) > 0) {
                throw new ProblemException(409, "Conflict", "the rankings of " + p.value() + " are already published",
                        List.of(new FieldError("period", "already published")));
            }
            OffsetDateTime now = org.gridgov.common.clock.SuiteClock.now();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String level : PUBLISHED_LEVELS) {
                UUID id = UUID.randomUUID();
                Sql.update(c, "insert into ranking_snapshot (id, period, level, published_at, published_by) values (?, ?, ?, ?, ?)",
                        id, p.value(), level, now, by);
                long rows = Sql.update(c, "insert into ranking_row (snapshot_id, position, rank, subject, points, entries) "
                        + "select ?, row_number() over (order by approved desc, subject), rank() over (order by approved desc), "
                        + "subject, approved, entries from subject_balance where subject_type = ? and period = ?", id, level, p.value());
                counts.put(level, rows);
            }
            return new PublishResult(p.value(), now, counts);
        });
    }

    public Published published(String quarter, String level, String within, Integer limit, Integer offset) {
        AccountingPeriods.Period p = AccountingPeriods.parse(quarter, "period", AccountingPeriods.Kind.QUARTER);
        if (level == null || !PUBLISHED_LEVELS.contains(level)) {
            throw ProblemException.invalid("level", "one of " + PUBLISHED_LEVELS);
        }
        if (within != null && !within.matches("^[0-9]{1,20}$")) {
            throw ProblemException.invalid("within", "a street, community or grid code (digits)");
        }
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        int skip = offset == null ? 0 : Math.max(0, offset);
        return db.read(c -> {
            Object[] snap = Sql.one(c, "select id, published_at, published_by from ranking_snapshot where period = ? and level = ?",
                    rs -> new Object[] { rs.getObject(1, UUID.class), Sql.time(rs, "published_at"), rs.getString(3) }, p.value(), level)
                    .orElseThrow(() -> ProblemException.notFound("published ranking of " + level + " for " + p.value()));
            UUID id = (UUID) snap[0];
            String filter = within == null ? "" : " and subject like ?";
            Object[] args = within == null ? new Object[] { id } : new Object[] { id, level + ":" + within + "%" };
            List<PublishedRow> rows = Sql.list(c, "select position, rank, subject, points, entries from ranking_row where snapshot_id = ?"
                    + filter + " order by position limit " + n + " offset " + skip,
                    rs -> new PublishedRow(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getInt(5)), args);
            long total = Sql.count(c, "select count(*) from ranking_row where snapshot_id = ?" + filter, args);
            return new Published(level, p.value(), (OffsetDateTime) snap[1], (String) snap[2], total, rows);
        });
    }

    public List<Map<String, Object>> publishedList(Connection c) {
        return Sql.list(c, "select period, level, published_at from ranking_snapshot order by period desc, level", rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("period", rs.getString(1));
            m.put("level", rs.getString(2));
            m.put("publishedAt", Sql.time(rs, "published_at"));
            return m;
        });
    }
}
