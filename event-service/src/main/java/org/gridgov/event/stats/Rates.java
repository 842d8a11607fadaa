package org.gridgov.event.stats;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridgov.event.lifecycle.EventAccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Computes the loop's figures for the events reported in a period, within the caller's jurisdiction
 * (definitions in {@link StatisticsResource}). Months are calendar months in Asia/Shanghai.
 */
@ApplicationScoped
public class Rates {

    /** How the figures are grouped. */
    public enum By {
        grid("grid_code"), community("community_code"), street("street_code"), district("left(street_code, 6)"), department("handler_unit"),
        category("category"), itemType("item_type");

        final String column;

        By(String column) {
            this.column = column;
        }
    }

    /** One group's figures; {@code month} is null unless a monthly series was asked for. */
    public record Row(String month, String key, long reported, long closed, Double closureRate, Double onTimeRate,
            Double firstTimeRate, Double satisfactionRate, Double reworkRate, Double meanHoursToClose, Double p90HoursToClose,
            long followUpNoAnswer) {
    }

    @Inject
    EntityManager em;

    @Inject
    EventAccess access;

    /**
     * The figures by {@code by} (and by month when {@code monthly}). For departments, an event counts
     * for every department that held it as lead handler, not only the last one.
     */
    public List<Row> compute(By by, OffsetDateTime since, OffsetDateTime until, String category, boolean monthly) {
        Map<String, Object> scope = new HashMap<>();
        String inJurisdiction = " and " + access.sqlFilter(scope);
        String month = monthly ? "to_char(reported_at at time zone 'Asia/Shanghai', 'YYYY-MM')" : "cast(null as text)";
        String key = by == By.department ? "u.unit" : "coalesce(" + by.column + ", '(not located)')";
        String units = by == By.department
                ? " cross join lateral (select distinct x.unit from (select ev.handler_unit as unit union all "
                        + "select h.handler_unit from event_handler_history h where h.event_id = ev.id) x "
                        + "where x.unit like 'DEPT:%') u"
                : "";
        Query query = em.createNativeQuery("with e as (select ev.*, "
                + "exists (select 1 from event_timeline t where t.event_id = ev.id and t.action in ('REWORK', 'REOPEN')) as redone, "
                + "exists (select 1 from event_timeline t where t.event_id = ev.id and t.action = 'REWORK') as reworked, "
                + "exists (select 1 from event_timeline t where t.event_id = ev.id and t.action in ('RESOLVE', 'SOLVE_ON_SPOT')) as resolved_once, "
                + "(ev.status <> 'MERGED') as is_case "
                + "from event ev where reported_at >= :since and reported_at < :until and status <> 'REJECTED' "
                + "and (status <> 'MERGED' or satisfaction is not null)"
                + " and (cast(:category as text) is null or category = cast(:category as text) or category like cast(:category as text) || '.%')"
                + inJurisdiction + ") "
                + "select " + month + ", " + key + ", count(*) filter (where is_case), "
                + "count(*) filter (where status = 'CLOSED'), "
                + "count(*) filter (where status = 'CLOSED' and overdue_at is null and (item_type = 'IMMEDIATE' "
                + "or resolved_at is not null and deadline is not null and resolved_at <= deadline)), "
                + "count(*) filter (where status = 'CLOSED' and not redone), "
                + "count(*) filter (where satisfaction in ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')), "
                + "count(*) filter (where satisfaction is not null), "
                + "count(*) filter (where reworked and is_case), count(*) filter (where resolved_once and is_case), "
                + "avg(extract(epoch from closed_at - reported_at) / 3600) filter (where status = 'CLOSED'), "
                + "percentile_cont(0.9) within group (order by extract(epoch from closed_at - reported_at) / 3600) filter (where status = 'CLOSED'), "
                + "count(*) filter (where is_case and follow_up_outcome = 'NO_ANSWER') "
                + "from e ev" + units + " group by 1, 2 order by 1, 2")
                .setParameter("since", since).setParameter("until", until).setParameter("category", category);
        scope.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> {
            long reported = n(r[2]), closed = n(r[3]);
            return new Row((String) r[0], (String) r[1], reported, closed, rate(closed, reported), rate(n(r[4]), closed),
                    rate(n(r[5]), closed), rate(n(r[6]), n(r[7])), rate(n(r[8]), n(r[9])), decimal(r[10]), decimal(r[11]), n(r[12]));
        }).toList();
    }

    /** A case reported in the period that was resolved after its deadline, or is still open past it. */
    public record Late(String id, String category, String gridCode, String handlerUnit, OffsetDateTime reportedAt,
            OffsetDateTime deadline, OffsetDateTime resolvedAt, String status, Double hoursLate) {
    }

    /** The period's late cases, latest deadline last, at most {@code limit}. */
    public List<Late> late(OffsetDateTime since, OffsetDateTime until, int limit) {
        Map<String, Object> scope = new HashMap<>();
        Query query = em.createNativeQuery("select cast(id as text), category, grid_code, handler_unit, reported_at, deadline, resolved_at, "
                + "status, extract(epoch from coalesce(resolved_at, :now) - deadline) / 3600 from event "
                + "where reported_at >= :since and reported_at < :until and status not in ('REJECTED', 'MERGED') and deadline is not null "
                + "and (overdue_at is not null or resolved_at > deadline or (resolved_at is null and status <> 'CLOSED' and deadline < :now)) and "
                + access.sqlFilter(scope) + " order by deadline limit :limit")
                .setParameter("since", since).setParameter("until", until).setParameter("limit", limit)
                .setParameter("now", org.gridgov.common.clock.SuiteClock.now());
        scope.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Late((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                org.gridgov.common.tx.Transactions.offset(r[4]), org.gridgov.common.tx.Transactions.offset(r[5]),
                r[6] == null ? null : org.gridgov.common.tx.Transactions.offset(r[6]), (String) r[7], ((Number) r[8]).doubleValue())).toList();
    }

    private static Double decimal(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
