package org.gridgov.grid.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.tx.Transactions;
import org.gridgov.grid.registry.GridNode;
import org.gridgov.grid.people.Person;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * 全覆盖, 一户不漏: every household of a grid visited at least once a month, every cadre visiting
 * at least once a week. Periods are calendar weeks (Monday to Sunday) and months in Asia/Shanghai.
 */
@Path("/coverage")
@Tag(name = "Coverage", description = "Visit coverage of grids and cadres for a week or a month")
@RolesAllowed({ "admin", "grid_leader", "grid_worker", "cadre", "community_staff", "street_staff", "supervisor" })
public class CoverageResource {

    @Inject
    EntityManager em;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    public record HouseholdCoverage(UUID householdId, String code, String address, List<String> focusTags, long visits,
            OffsetDateTime lastVisit) {
    }

    /**
     * {@code coverageRate} is null and {@code noHouseholds} true for a grid without active households: nothing to
     * cover is not 100% covered.
     */
    public record GridCoverage(String gridCode, VisitPeriods.Period period, LocalDate from, LocalDate to, long households,
            long visited, Double coverageRate, List<HouseholdCoverage> notVisited, List<HouseholdCoverage> visitedHouseholds,
            boolean noHouseholds) {
    }

    public record CadreWeek(String personId, String name, Person.Role role, long visits, boolean meetsWeeklyRule) {
    }

    public record CadreCoverage(String personId, VisitPeriods.Period period, LocalDate from, LocalDate to, long visits,
            boolean meetsWeeklyRule, long contactHouseholds, long contactHouseholdsVisited, List<HouseholdCoverage> notVisited) {
    }

    @GET
    @Path("/grids/{code}")
    @Operation(summary = "Which households of a grid were visited in the week or month containing `date`",
            description = "notVisited is the 一户不漏 list: focus households first, then by household code. "
                    + "coverageRate = visited households / active households of the grid.")
    public GridCoverage grid(@PathParam("code") String code, @QueryParam("period") VisitPeriods.Period period,
            @QueryParam("date") LocalDate date) {
        GridNode g = GridNode.findById(code);
        if (g == null || !jurisdiction.get().covers(code)) {
            throw ProblemException.notFound("grid " + code);
        }
        VisitPeriods.Window w = VisitPeriods.of(period == null ? VisitPeriods.Period.MONTH : period, date == null ? VisitPeriods.today() : date);
        // a thematic grid's households are its members, wherever they live: the grid's business, and it is in scope
        List<HouseholdCoverage> rows = g.kind == GridNode.Kind.THEMATIC
                ? households("h.id in (select m.household_id from household_grid m where m.grid_code = :key)", code, w, null)
                : households("h.grid_code = :key", code, w, jurisdiction.get());
        List<HouseholdCoverage> visited = rows.stream().filter(r -> r.visits() > 0).toList();
        List<HouseholdCoverage> notVisited = rows.stream().filter(r -> r.visits() == 0).toList();
        return new GridCoverage(code, w.period(), w.firstDay(), w.lastDay(), rows.size(), visited.size(),
                AreaCoverage.rate(visited.size(), rows.size()), notVisited, visited, rows.isEmpty());
    }

    @Inject
    AreaCoverage areas;

    @GET
    @Path("/areas/{code}")
    @Operation(summary = "Coverage rolled up to a community, a level-1 grid, a street or a county, with its parts",
            description = "households and visited are the sums over the geographic level-2 grids below (the same figures as "
                    + "GET /coverage/grids/{code} for each); parts are the children: a county's streets, a street's communities, a "
                    + "community's (or level-1 grid's) level-2 grids. coverageRate is null and noHouseholds true where there are no "
                    + "active households. Only an area inside the caller's jurisdiction; else 404.")
    public AreaCoverage.Area area(@PathParam("code") String code, @QueryParam("period") VisitPeriods.Period period,
            @QueryParam("date") LocalDate date) {
        GridNode n = GridNode.findById(code);
        if (n == null || n.level == GridNode.Level.GRID || !jurisdiction.get().covers(code)) {
            throw ProblemException.notFound("area " + code + " (a county, street, community or level-1 grid)");
        }
        return areas.of(n, VisitPeriods.of(period == null ? VisitPeriods.Period.MONTH : period, date == null ? VisitPeriods.today() : date));
    }

    @GET
    @Path("/grids/{code}/cadres")
    @Operation(summary = "Visits per person serving the grid in the week containing `date`, against the once-a-week rule")
    public List<CadreWeek> cadres(@PathParam("code") String code, @QueryParam("date") LocalDate date) {
        if (GridNode.findById(code) == null || !jurisdiction.get().covers(code)) {
            throw ProblemException.notFound("grid " + code);
        }
        VisitPeriods.Window w = VisitPeriods.of(VisitPeriods.Period.WEEK, date == null ? VisitPeriods.today() : date);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select p.id, p.name, p.role, count(v.id) from person p "
                + "join person_grid pg on pg.person_id = p.id "
                + "left join visit v on v.visitor_id = p.id and v.visited_at >= :from and v.visited_at < :to "
                + "where pg.grid_code = :g and p.role <> 'VOLUNTEER' and p.status = 'ACTIVE' group by p.id, p.name, p.role order by count(v.id), p.id")
                .setParameter("g", code).setParameter("from", w.from()).setParameter("to", w.to()).getResultList();
        return rows.stream().map(r -> new CadreWeek((String) r[0], (String) r[1], Person.Role.valueOf((String) r[2]),
                ((Number) r[3]).longValue(), ((Number) r[3]).longValue() >= 1)).toList();
    }

    @GET
    @Path("/people/{id}")
    @Operation(summary = "A cadre's visits in the period and which of her contact households (党员联户) she has not visited",
            description = "Only contact households inside the caller's jurisdiction (all of them for the cadre herself)")
    public CadreCoverage person(@PathParam("id") String id, @QueryParam("period") VisitPeriods.Period period,
            @QueryParam("date") LocalDate date) {
        if (Person.findById(id) == null || !personVisible(id)) {
            throw ProblemException.notFound("person " + id);
        }
        VisitPeriods.Window w = VisitPeriods.of(period == null ? VisitPeriods.Period.WEEK : period, date == null ? VisitPeriods.today() : date);
        long visits = ((Number) em.createNativeQuery("select count(*) from visit where visitor_id = :p and visited_at >= :from and visited_at < :to")
                .setParameter("p", id).setParameter("from", w.from()).setParameter("to", w.to()).getSingleResult()).longValue();
        // her contact households inside the caller's jurisdiction; all of them for herself
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        List<HouseholdCoverage> rows = households("h.contact_person_id = :key", id, w, j.isSelf(id) ? null : j);
        List<HouseholdCoverage> notVisited = rows.stream().filter(r -> r.visits() == 0).toList();
        // the weekly rule: at least one visit in the week; for a month, at least one in every week it touches
        boolean meets = w.period() == VisitPeriods.Period.WEEK ? visits >= 1 : weeksWithVisits(id, w) >= weeksIn(w);
        return new CadreCoverage(id, w.period(), w.firstDay(), w.lastDay(), visits, meets, rows.size(),
                rows.size() - notVisited.size(), notVisited);
    }

    private boolean personVisible(String id) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        if (j.unrestricted() || j.isSelf(id)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        List<String> grids = em.createNativeQuery("select grid_code from person_grid where person_id = :p").setParameter("p", id)
                .getResultList();
        return j.coversAny(grids);
    }

    private long weeksIn(VisitPeriods.Window w) {
        return ((Number) em.createNativeQuery("select count(distinct date_trunc('week', d)) from generate_series(cast(:a as date), "
                + "cast(:b as date), interval '1 day') d").setParameter("a", w.firstDay()).setParameter("b", w.lastDay())
                .getSingleResult()).longValue();
    }

    private long weeksWithVisits(String id, VisitPeriods.Window w) {
        return ((Number) em.createNativeQuery("select count(distinct date_trunc('week', visited_at at time zone 'Asia/Shanghai')) "
                + "from visit where visitor_id = :p and visited_at >= :from and visited_at < :to").setParameter("p", id)
                .setParameter("from", w.from()).setParameter("to", w.to()).getSingleResult()).longValue();
    }

    /** active households matching {@code where}, only those of grids inside {@code scope} (all when null) */
    private List<HouseholdCoverage> households(String where, String key, VisitPeriods.Window w,
            org.gridgov.common.security.Jurisdiction scope) {
        org.gridgov.common.security.Jurisdiction.Filter inScope = scope == null
                ? new org.gridgov.common.security.Jurisdiction.Filter("1 = 1", java.util.Map.of(), List.of())
                : scope.filter("h.grid_code");
        jakarta.persistence.Query q = em.createNativeQuery("select h.id, h.code, h.address, h.focus_tags, count(v.id), max(v.visited_at) "
                + "from household h left join visit v on v.household_id = h.id and v.visited_at >= :from and v.visited_at < :to "
                + "where " + where + " and h.status = 'ACTIVE' and " + inScope.clause() + " group by h.id, h.code, h.address, h.focus_tags "
                + "order by case when cardinality(h.focus_tags) > 0 then 0 else 1 end, h.code")
                .setParameter("key", key).setParameter("from", w.from()).setParameter("to", w.to());
        inScope.addTo(q);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new HouseholdCoverage((UUID) r[0], (String) r[1], (String) r[2],
                r[3] instanceof String[] a ? Arrays.asList(a) : List.of(), ((Number) r[4]).longValue(), Transactions.offset(r[5]))).toList();
    }
}
