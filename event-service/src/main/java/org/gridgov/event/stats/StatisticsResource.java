package org.gridgov.event.stats;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * The figures people report about the loop, for the events reported in [from, to):
 * <ul>
 * <li><b>closureRate</b> (办结率) = closed / reported</li>
 * <li><b>onTimeRate</b> (按期办结率) = closed and resolved by the deadline / closed; a 即办件 (solved on the spot, no deadline)
 * is always on time</li>
 * <li><b>firstTimeRate</b> (一次办结率) = closed without any rework or reopening / closed</li>
 * <li><b>satisfactionRate</b> (满意率) = ratings 非常满意, 满意 or 基本满意 / ratings: each case's last follow-up, and the
 * rating each reporter of a duplicate merged into a case gave it (kept on her merged report)</li>
 * <li><b>reworkRate</b> (返工率) = sent back for rework at least once / resolved at least once</li>
 * <li><b>meanHoursToClose</b>, <b>p90HoursToClose</b>: from report to close, closed events only</li>
 * <li><b>followUpNoAnswer</b> (回访未果): cases closed because the follow-up reached nobody; they have no rating and are
 * not in the satisfaction rate, counted here apart</li>
 * </ul>
 * Reports rejected at 立案 and duplicates merged into another report are not counted as cases: "reported"
 * means cases; a merged duplicate counts only with its reporter's rating, in the satisfaction rate. A rate whose denominator is 0 is null.
 */
@Path("/statistics")
@Tag(name = "Statistics", description = "Closure, on-time, first-time, satisfaction and rework rates; time to close")
@RolesAllowed({ "community_staff", "street_staff", "supervisor", "admin", "grid_leader" })
public class StatisticsResource {

    static final Map<String, String> BY = Map.of("grid", "grid_code", "community", "community_code", "street", "street_code",
            "department", "handler_unit", "category", "category", "itemType", "item_type");

    @Inject
    EntityManager em;

    @Inject
    org.gridgov.event.event.EventAccess access;

    public record Row(String key, long reported, long closed, Double closureRate, Double onTimeRate, Double firstTimeRate,
            Double satisfactionRate, Double reworkRate, Double meanHoursToClose, Double p90HoursToClose, long followUpNoAnswer) {
    }

    @GET
    @Operation(summary = "Rates by grid, community, street, department or category for a period",
            description = "by = grid | community | street | department | category | itemType (即办件 IMMEDIATE, 承诺件 PROMISED, "
                    + "上报件 REPORTED_UP); from and to bound the report time "
                    + "(ISO-8601, to exclusive; default: the last 30 days). Definitions: closureRate = closed / reported; "
                    + "onTimeRate = closed and resolved by the deadline / closed (a 即办件 is never late); firstTimeRate = closed without rework or "
                    + "reopening / closed; satisfactionRate = ratings 非常满意/满意/基本满意 / ratings "
                    + "(the cases' and their merged duplicates' reporters'); reworkRate = reworked at least "
                    + "once / resolved at least once; hours to close from report to close. Rejected reports and merged duplicates are "
                    + "not counted. A rate with nothing to divide by is null. followUpNoAnswer counts the cases closed as 回访未果 "
                    + "(the follow-up reached nobody): they have no rating and are not in the satisfaction rate.")
    public List<Row> statistics(@QueryParam("by") String by, @QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to,
            @QueryParam("category") String category) {
        String column = BY.get(by == null ? "street" : by);
        if (column == null) {
            throw ProblemException.invalid("by", "must be grid, community, street, department, category or itemType");
        }
        OffsetDateTime until = to == null ? OffsetDateTime.now() : to;
        OffsetDateTime since = from == null ? until.minusDays(30) : from;
        if (!since.isBefore(until)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        String department = "department".equals(by) ? " and handler_unit like 'DEPT:%'" : "";
        Map<String, Object> scope = new java.util.HashMap<>();
        String inJurisdiction = " and " + access.sqlFilter(scope);
        jakarta.persistence.Query query = em.createNativeQuery("with e as (select ev.*, "
                + "exists (select 1 from event_timeline t where t.event_id = ev.id and t.action in ('REWORK', 'REOPEN')) as redone, "
                + "exists (select 1 from event_timeline t where t.event_id = ev.id and t.action = 'REWORK') as reworked, "
                + "exists (select 1 from event_timeline t where t.event_id = ev.id and t.action in ('RESOLVE', 'SOLVE_ON_SPOT')) as resolved_once, "
                + "(ev.status <> 'MERGED') as is_case "
                + "from event ev where reported_at >= :since and reported_at < :until and status <> 'REJECTED' "
                + "and (status <> 'MERGED' or satisfaction is not null)"
                + " and (cast(:category as text) is null or category = cast(:category as text) or category like cast(:category as text) || '.%')"
                + department + inJurisdiction + ") "
                + "select coalesce(" + column + ", '(not located)'), count(*) filter (where is_case), "
                + "count(*) filter (where status = 'CLOSED'), "
                + "count(*) filter (where status = 'CLOSED' and (item_type = 'IMMEDIATE' or (resolved_at is not null and deadline is not null and resolved_at <= deadline))), "
                + "count(*) filter (where status = 'CLOSED' and not redone), "
                + "count(*) filter (where satisfaction in ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')), "
                + "count(*) filter (where satisfaction is not null), "
                + "count(*) filter (where reworked and is_case), count(*) filter (where resolved_once and is_case), "
                + "avg(extract(epoch from closed_at - reported_at) / 3600) filter (where status = 'CLOSED'), "
                + "percentile_cont(0.9) within group (order by extract(epoch from closed_at - reported_at) / 3600) filter (where status = 'CLOSED'), "
                + "count(*) filter (where is_case and follow_up_outcome = 'NO_ANSWER') "
                + "from e group by 1 order by 1")
                .setParameter("since", since).setParameter("until", until).setParameter("category", category);
        scope.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> {
            long reported = n(r[1]), closed = n(r[2]);
            return new Row((String) r[0], reported, closed, rate(closed, reported), rate(n(r[3]), closed), rate(n(r[4]), closed),
                    rate(n(r[5]), n(r[6])), rate(n(r[7]), n(r[8])), r[9] == null ? null : ((Number) r[9]).doubleValue(),
                    r[10] == null ? null : ((Number) r[10]).doubleValue(), n(r[11]));
        }).toList();
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
