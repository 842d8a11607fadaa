package org.gridgov.grid.visit;

import java.time.LocalDate;
import java.util.List;

import org.gridgov.grid.registry.GridNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Coverage of a community, level-1 grid, street or county: the households and visited households of the geographic
 * level-2 grids below it, per child and in total, so that every figure is the sum of the grids' own
 * ({@code GET /coverage/grids/{code}}). Codes nest (GB/T 30428.1 idea), so a child's households are those whose grid
 * code starts with the child's code.
 */
@ApplicationScoped
public class AreaCoverage {

    @Inject
    EntityManager em;

    /** a part of an area: a street, a community or a level-2 grid */
    public record Part(String code, String name, GridNode.Level level, long households, long visited, Double coverageRate,
            boolean noHouseholds) {
    }

    public record Area(String code, String name, GridNode.Level level, VisitPeriods.Period period, LocalDate from, LocalDate to,
            long households, long visited, Double coverageRate, boolean noHouseholds, int grids, int gridsWithoutHouseholds,
            List<Part> parts) {
    }

    /** visited / households, or null when there are none (not 100%) */
    public static Double rate(long visited, long households) {
        return households == 0 ? null : (double) visited / households;
    }

    public Area of(GridNode area, VisitPeriods.Window w) {
        // the parts: the children, except below a community, where the level-2 grids are the parts
        boolean gridsArePartsOf = area.level == GridNode.Level.COMMUNITY || area.level == GridNode.Level.GRID1;
        String parts = gridsArePartsOf
                ? "n.level = 'GRID' and n.kind = 'GEOGRAPHIC' and n.code like :prefix and n.status = 'ACTIVE'"
                : "n.parent_code = :code and n.status = 'ACTIVE'";
        int partLength = gridsArePartsOf ? GridNode.Level.GRID.codeLength : area.level.codeLength + 3;
        String prefix = gridsArePartsOf ? area.code.substring(0, GridNode.Level.COMMUNITY.codeLength) : area.code;
        jakarta.persistence.Query q = em.createNativeQuery("with counted as (select left(h.grid_code, :len) as part, count(*) as households, "
                + "count(*) filter (where exists (select 1 from visit v where v.household_id = h.id and v.visited_at >= :from "
                + "and v.visited_at < :to)) as visited from household h join grid_node g on g.code = h.grid_code and g.kind = 'GEOGRAPHIC' "
                + "where h.status = 'ACTIVE' and h.grid_code like :prefix group by 1), "
                + "grids as (select left(g.code, :len) as part, count(*) as grids, count(*) filter (where not exists (select 1 from household h "
                + "where h.grid_code = g.code and h.status = 'ACTIVE')) as empty from grid_node g where g.level = 'GRID' and g.kind = 'GEOGRAPHIC' "
                + "and g.status = 'ACTIVE' and g.code like :prefix group by 1) "
                + "select n.code, n.name, n.level, coalesce(c.households, 0), coalesce(c.visited, 0), coalesce(gr.grids, 0), coalesce(gr.empty, 0) "
                + "from grid_node n left join counted c on c.part = n.code left join grids gr on gr.part = n.code where " + parts
                + " order by n.code")
                .setParameter("len", partLength).setParameter("prefix", prefix + "%").setParameter("from", w.from()).setParameter("to", w.to());
        if (!gridsArePartsOf) {
            q.setParameter("code", area.code);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        long households = 0;
        long visited = 0;
        int grids = 0;
        int empty = 0;
        List<Part> out = new java.util.ArrayList<>();
        for (Object[] r : rows) {
            long h = ((Number) r[3]).longValue();
            long v = ((Number) r[4]).longValue();
            households += h;
            visited += v;
            grids += ((Number) r[5]).intValue();
            empty += ((Number) r[6]).intValue();
            out.add(new Part((String) r[0], (String) r[1], GridNode.Level.valueOf((String) r[2]), h, v, rate(v, h), h == 0));
        }
        return new Area(area.code, area.name, area.level, w.period(), w.firstDay(), w.lastDay(), households, visited,
                rate(visited, households), households == 0, grids, empty, out);
    }
}
