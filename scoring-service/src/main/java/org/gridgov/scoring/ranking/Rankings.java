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

    /** @param county the county the subject is ranked in (null: individuals without a home code, ranked among themselves) */
    public record RankRow(int position, int rank, String subject, long points, long approved, long pending, int entries, String county) {
    }

    /** @param counties the counties ranked, each among its own subjects; empty: every county */
    public record Ranking(String level, String period, String within, String classCode, int offset, List<RankRow> rows,
            List<String> counties) {
    }

    public record PublishedRow(int position, int rank, String subject, long points, int entries) {
    }

    /** @param county the county whose subjects it ranks (null: a ranking published before rankings were per county) */
    public record Published(String level, String period, OffsetDateTime publishedAt, String publishedBy, long subjects,
            List<PublishedRow> rows, String county) {
    }

    /** @param subjects ranked subjects per level, over the counties published; @param counties the counties published */
    public record PublishResult(String period, OffsetDateTime publishedAt, Map<String, Long> subjects, List<String> counties) {
    }

    /** SQL: the county of a balance row {@code b} of {@code level} (USER: of the home code of the joined subject {@code s}) */
    static String countySql(String level) {
        return "USER".equals(level) ? "left(s.home_code, 6)" : Counties.placeCountySql("b.subject");
    }

    @Inject
    Db db;

    /**
     * @param counties the counties to rank (individuals without a home code rank in each); empty: every county. Each county's
     *                 subjects are ranked among themselves: rows come county by county
     */
    public Ranking live(String level, String period, String within, String classCode, Integer limit, Integer offset,
            List<String> counties) {
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
        String join = level.equals("USER") ? " join subject s on s.subject = b.subject" : "";
        String county = countySql(level);
        if (!counties.isEmpty()) {
            where.append(" and (").append(county).append(" = any(?)").append(level.equals("USER") ? " or s.home_code is null)" : ")");
            args.add(counties.toArray(String[]::new));
        }
        if (within != null) {
            if (level.equals("USER")) {
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
        String sql = "select b.subject, b.points, b.approved, b.pending, b.entries, " + county + " county, "
                + "rank() over (partition by " + county + " order by b.points desc) rnk, "
                + "row_number() over (partition by " + county + " order by b.points desc, b.subject) pos "
                + "from subject_balance b" + join + " where " + where + " order by " + county + " nulls last, b.points desc, b.subject limit "
                + n + " offset " + skip;
        String w = within;
        return db.read(c -> new Ranking(level, p.value(), w == null ? null : w.substring(w.indexOf(':') + 1), classCode, skip,
                Sql.list(c, sql, rs -> new RankRow(rs.getInt("pos"), rs.getInt("rnk"), rs.getString("subject"), rs.getLong("points"),
                        rs.getLong("approved"), rs.getLong("pending"), rs.getInt("entries"), rs.getString("county")), args.toArray()),
                counties));
    }

    /**
     * Freezes the quarter's rankings of grids, communities and streets, county by county: each county's subjects ranked
     * among themselves. {@code county} given: that county; else each of {@code counties} (every county: empty) with ranked
     * subjects in the quarter that has not published it yet. Each county's three months must be locked for it; all or nothing.
     */
    @Transactional
    public PublishResult publish(String quarter, String county, List<String> counties, String by, Jurisdiction scope) {
        AccountingPeriods.Period p = AccountingPeriods.parse(quarter, "period", AccountingPeriods.Kind.QUARTER);
        Counties.checkCountyWide(scope, county != null ? List.of(county) : counties, "publishing the rankings of " + p.value());
        return db.inTx(c -> {
            Sql.one(c, "select pg_advisory_xact_lock(hashtext('scoring.publish:' || ?))::text", rs -> rs.getString(1), p.value());
            List<String> targets = county != null ? List.of(county)
                    : withSubjects(c, p.value(), counties).stream().filter(k -> !published(c, p.value(), k)).toList();
            if (targets.isEmpty()) {
                throw new ProblemException(409, "Conflict", "no county " + (counties.isEmpty() ? "" : "of " + counties + " ")
                        + "has ranked subjects in " + p.value() + " and its rankings still to publish; give county to publish an empty ranking",
                        List.of(new FieldError("period", "already published or no ranked subjects")));
            }
            checkPublishable(c, p, targets);
            OffsetDateTime now = org.gridgov.common.clock.SuiteClock.now();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String target : targets) {
                for (String level : PUBLISHED_LEVELS) {
                    UUID id = UUID.randomUUID();
                    Sql.update(c, "insert into ranking_snapshot (id, period, level, published_at, published_by, county) values (?, ?, ?, ?, ?, ?)",
                            id, p.value(), level, now, by, target);
                    long rows = Sql.update(c, "insert into ranking_row (snapshot_id, position, rank, subject, points, entries) "
                            + "select ?, row_number() over (order by approved desc, subject), rank() over (order by approved desc), "
                            + "subject, approved, entries from subject_balance b where subject_type = ? and period = ? and "
                            + countySql(level) + " = ?", id, level, p.value(), target);
                    counts.merge(level, rows, Long::sum);
                }
            }
            return new PublishResult(p.value(), now, counts, targets);
        });
    }

    /** the counties among {@code counties} (every county: empty) with grids, communities or streets with entries in the period */
    private static List<String> withSubjects(Connection c, String period, List<String> counties) {
        String[] in = counties.toArray(String[]::new);
        return Sql.list(c, "select distinct " + Counties.placeCountySql("b.subject") + " from subject_balance b where b.period = ? "
                + "and b.subject_type = any(?) and b.entries > 0 and (cardinality(?::text[]) = 0 or " + Counties.placeCountySql("b.subject")
                + " = any(?)) order by 1", rs -> rs.getString(1), period, PUBLISHED_LEVELS.toArray(String[]::new), in, in)
                .stream().filter(k -> Counties.of(k) != null).toList();
    }

    private static boolean published(Connection c, String quarter, String county) {
        return Sql.count(c, "select count(*) from ranking_snapshot where period = ? and county = ?", quarter, county) > 0;
    }

    /** 409 unless the quarter's months are locked for each county and none of them has published the quarter */
    private static void checkPublishable(Connection c, AccountingPeriods.Period p, List<String> targets) {
        List<String> open = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (String target : targets) {
            for (String m : p.months()) {
                if (!AccountingPeriods.locked(c, m, target)) {
                    open.add(m + (targets.size() > 1 ? " (" + target + ")" : ""));
                }
            }
            if (published(c, p.value(), target)) {
                done.add(target);
            }
        }
        if (!open.isEmpty()) {
            throw new ProblemException(409, "Conflict", "the quarter's months must be audited and locked first; open: " + open,
                    List.of(new FieldError("period", "months not locked: " + open)));
        }
        if (!done.isEmpty()) {
            throw new ProblemException(409, "Conflict", "the rankings of " + p.value() + " are already published for " + done,
                    List.of(new FieldError("period", "already published")));
        }
    }

    /**
     * A published ranking of a county: {@code county}, else the county of {@code within}, else the one county that
     * published the quarter (400 naming county when several did).
     */
    public Published published(String quarter, String level, String within, String county, Integer limit, Integer offset) {
        AccountingPeriods.Period p = AccountingPeriods.parse(quarter, "period", AccountingPeriods.Kind.QUARTER);
        if (level == null || !PUBLISHED_LEVELS.contains(level)) {
            throw ProblemException.invalid("level", "one of " + PUBLISHED_LEVELS);
        }
        if (within != null && !within.matches("^[0-9]{1,20}$")) {
            throw ProblemException.invalid("within", "a street, community or grid code (digits)");
        }
        Counties.checkCode(county);
        String k = county != null ? county : Counties.of(within);
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        int skip = offset == null ? 0 : Math.max(0, offset);
        return db.read(c -> {
            List<Object[]> snaps = Sql.list(c, "select id, published_at, published_by, county from ranking_snapshot where period = ? and level = ? "
                    + "and (?::text is null or county = ? or county is null) order by county nulls last",
                    rs -> new Object[] { rs.getObject(1, UUID.class), Sql.time(rs, "published_at"), rs.getString(3), rs.getString(4) },
                    p.value(), level, k, k);
            if (snaps.isEmpty()) {
                throw ProblemException.notFound("published ranking of " + level + " for " + p.value() + (k == null ? "" : " in county " + k));
            }
            if (snaps.size() > 1 && k == null) {
                throw ProblemException.invalid("county", "the rankings of " + p.value() + " are published per county: give one of "
                        + snaps.stream().map(x -> String.valueOf(x[3])).toList());
            }
            Object[] snap = snaps.get(0);
            UUID id = (UUID) snap[0];
            String filter = within == null ? "" : " and subject like ?";
            Object[] args = within == null ? new Object[] { id } : new Object[] { id, level + ":" + within + "%" };
            List<PublishedRow> rows = Sql.list(c, "select position, rank, subject, points, entries from ranking_row where snapshot_id = ?"
                    + filter + " order by position limit " + n + " offset " + skip,
                    rs -> new PublishedRow(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getInt(5)), args);
            long total = Sql.count(c, "select count(*) from ranking_row where snapshot_id = ?" + filter, args);
            return new Published(level, p.value(), (OffsetDateTime) snap[1], (String) snap[2], total, rows, (String) snap[3]);
        });
    }

    /** the published rankings, of one county (and those published before rankings were per county) or of every county */
    public List<Map<String, Object>> publishedList(Connection c, String county) {
        return Sql.list(c, "select period, level, published_at, county from ranking_snapshot where ?::text is null or county = ? "
                + "or county is null order by period desc, county nulls first, level", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("period", rs.getString(1));
                    m.put("level", rs.getString(2));
                    m.put("publishedAt", Sql.time(rs, "published_at"));
                    m.put("county", rs.getString(4));
                    return m;
                }, county, county);
    }
}
