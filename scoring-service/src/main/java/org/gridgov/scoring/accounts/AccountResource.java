package org.gridgov.scoring.accounts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.scoring.ranking.Rankings;
import org.gridgov.scoring.access.Counties;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.period.AccountingPeriods;
import org.gridgov.scoring.jdbc.Sql;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * Yearly accounting (一年一核算): annual totals per subject. For communities, points by indicator
 * class and the weighted indicator score; for villages (RURAL communities), the governance
 * points' share of the annual assessment score.
 */
@Path("/accounts/{year}")
@Tag(name = "Yearly accounting")
@RolesAllowed({ "scorer", "supervisor", "admin" })
public class AccountResource {

    /**
     * @param governanceScore villages only: share × 100 × approved points / the approved points of the year of the best village
     *                        of the same county,
     *                        the part of the annual assessment score (out of 100) the governance points make up
     */
    public record AccountRow(int position, String subject, long points, long approved, long pending, int entries, String communityKind,
            Map<String, Long> indicators, BigDecimal weightedIndicatorScore, BigDecimal governanceScore) {
    }

    public record Account(String year, String level, boolean closed, List<String> openMonths, BigDecimal villageGovernanceShare,
            List<AccountRow> rows) {
    }

    @Inject
    Db db;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @Inject
    org.gridgov.scoring.config.ScoringConfig config;

    @GET
    @Operation(summary = "Annual totals of a level; closed when all twelve months are locked (for each of the caller's counties)",
            description = "Only subjects inside the caller's jurisdiction; within must lie inside it (403). A village's "
                    + "governanceScore compares it with the best village of its own county; a community's weightedIndicatorScore uses "
                    + "its county's indicator weights (GET /indicators?county=)")
    public Account account(@PathParam("year") String year, @QueryParam("level") String level, @QueryParam("within") String within,
            @QueryParam("limit") Integer limit) {
        AccountingPeriods.Period p = AccountingPeriods.parse(year, "year", AccountingPeriods.Kind.YEAR);
        if (level == null || !Rankings.LEVELS.contains(level)) {
            throw ProblemException.invalid("level", "one of " + Rankings.LEVELS);
        }
        if (within != null && !within.matches("^[0-9]{1,20}$")) {
            throw ProblemException.invalid("within", "a street, community or grid code (digits)");
        }
        if (within != null && !jurisdiction.get().covers(within)) {
            throw ProblemException.forbidden("within " + within + " is outside your jurisdiction");
        }
        int n = limit == null ? 200 : Math.max(1, Math.min(limit, 5000));
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        return db.read(c -> {
            List<String> open = new ArrayList<>();
            List<String> counties = Counties.ofCaller(j);
            for (String m : p.months()) {
                if (!AccountingPeriods.lockedForEach(c, m, counties)) {
                    open.add(m);
                }
            }
            Map<String, Long> bestVillage = bestVillages(c, p.value());
            List<AccountRow> out = new ArrayList<>();
            int pos = 0;
            for (AccountRow r : totals(c, p.value(), level, within, n, j)) {
                out.add(r.communityKind() == null ? new AccountRow(++pos, r.subject(), r.points(), r.approved(), r.pending(), r.entries(),
                        null, null, null, null) : community(c, ++pos, r, p.value(), bestVillage));
            }
            return new Account(p.value(), level, open.isEmpty(), open, config.villageGovernanceShare(), out);
        });
    }

    /** the approved points of the year of the best village of each county: a county is assessed on its own */
    private static Map<String, Long> bestVillages(Connection c, String year) {
        Map<String, Long> bestVillage = new HashMap<>();
        Sql.list(c, "select left(split_part(b.subject, ':', 2), 6), max(b.approved) from subject_balance b "
                + "join subject s on s.subject = b.subject where b.subject_type = 'COMMUNITY' and b.period = ? "
                + "and s.community_kind = 'RURAL' group by 1", rs -> bestVillage.put(rs.getString(1), rs.getLong(2)), year);
        return bestVillage;
    }

    /** the year's totals of the level's subjects inside the caller's jurisdiction (and within), best first */
    private static List<AccountRow> totals(Connection c, String year, String level, String within, int n,
            org.gridgov.common.security.Jurisdiction j) {
        org.gridgov.common.security.Jurisdiction.Filter scope = org.gridgov.scoring.access.SubjectScope.filter(j, "b.subject");
        String filter = (within == null ? "" : " and b.subject like ?") + " and " + scope.clause();
        List<Object> argList = new ArrayList<>(within == null ? List.of(level, year) : List.of(level, year, level + ":" + within + "%"));
        argList.addAll(scope.positional());
        return Sql.list(c, "select b.subject, b.points, b.approved, b.pending, b.entries, s.community_kind "
                + "from subject_balance b left join subject s on s.subject = b.subject where b.subject_type = ? and b.period = ?" + filter
                + " order by b.points desc, b.subject limit " + n, rs -> new AccountRow(0, rs.getString(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getInt(5), rs.getString(6), null, null, null), argList.toArray());
    }

    /** a community's row: its points per indicator, the weighted score and, for a village, its governance score */
    private AccountRow community(Connection c, int pos, AccountRow r, String year, Map<String, Long> bestVillage) {
        Map<String, Long> indicators = new LinkedHashMap<>();
        BigDecimal weighted = BigDecimal.ZERO;
        String county = Counties.of(r.subject().substring(r.subject().indexOf(':') + 1));
        // the weights of the community's county: its own where it set them, else the shared ones
        for (Object[] i : Sql.list(c, "select i.code, coalesce(w.weight, i.weight), "
                + "coalesce(sum(e.points) filter (where e.status <> 'REJECTED'), 0) from indicator i "
                + "left join indicator_weight w on w.code = i.code and w.county = ? "
                + "left join ledger_entry e on e.indicator = i.code and e.subject = ? and e.period like ? "
                + "where i.community_kind = ? group by i.code, i.weight, w.weight order by i.code",
                rs -> new Object[] { rs.getString(1), rs.getBigDecimal(2), rs.getLong(3) }, county, r.subject(), year + "-%",
                r.communityKind())) {
            indicators.put((String) i[0], (Long) i[2]);
            weighted = weighted.add(((BigDecimal) i[1]).multiply(BigDecimal.valueOf((Long) i[2])));
        }
        weighted = weighted.setScale(2, RoundingMode.HALF_UP);
        BigDecimal governance = null;
        if (r.communityKind().equals("RURAL")) {
            long best = bestVillage.getOrDefault(county, 0L);
            governance = best <= 0 ? BigDecimal.ZERO.setScale(2)
                    : config.villageGovernanceShare().multiply(BigDecimal.valueOf(100)).multiply(BigDecimal.valueOf(Math.max(0, r.approved())))
                            .divide(BigDecimal.valueOf(best), 2, RoundingMode.HALF_UP);
        }
        return new AccountRow(pos, r.subject(), r.points(), r.approved(), r.pending(), r.entries(), r.communityKind(), indicators,
                weighted, governance);
    }
}
