package org.gridgov.event.board;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventStatus;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * 公示板: every open item of a grid, community or street, readable without login. It shows what,
 * roughly where (the grid), who claimed it and by when; never who reported it, their words, the
 * address or the exact point.
 */
@Path("/board")
@Tag(name = "Public board", description = "公示板: open items with category, grid, claiming unit, deadline and status; no personal data")
@PermitAll
public class BoardResource {
    @jakarta.inject.Inject
    org.gridgov.event.replica.GridLocator locator;

    public record Item(UUID id, String category, String gridCode, String gridName, String communityCode, String streetCode,
            String claimedBy, OffsetDateTime deadline, boolean overdue, EventStatus status, OffsetDateTime reportedAt) {
    }

    @GET
    @Operation(summary = "Open items of a grid, community or street, the nearest deadline first",
            description = "Give exactly one of grid, community or street. Open means not closed, rejected or merged; items not yet located to a grid "
                    + "are not on any board.")
    public List<Item> board(@QueryParam("grid") String grid, @QueryParam("community") String community,
            @QueryParam("street") String street, @QueryParam("limit") Integer limit) {
        int given = (grid == null ? 0 : 1) + (community == null ? 0 : 1) + (street == null ? 0 : 1);
        if (given != 1) {
            throw ProblemException.invalid("grid", "give exactly one of grid, community or street");
        }
        String column = grid != null ? "gridCode" : community != null ? "communityCode" : "streetCode";
        Map<String, Object> p = new HashMap<>();
        p.put("place", grid != null ? grid : community != null ? community : street);
        p.put("closed", EventStatus.CLOSED);
        p.put("rejected", EventStatus.REJECTED);
        p.put("merged", EventStatus.MERGED);
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 500));
        List<EventRecord> open = EventRecord.<EventRecord>find(column + " = :place and status <> :closed and status <> :rejected and status <> :merged "
                + "order by deadline asc nulls last, reportedAt asc", p).page(0, n).list();
        Map<String, String> names = new HashMap<>();
        OffsetDateTime now = org.gridgov.common.clock.SuiteClock.now();
        return open.stream().map(e -> new Item(e.id, e.category, e.gridCode, names.computeIfAbsent(e.gridCode, locator::name), e.communityCode, e.streetCode, e.handlerUnit, e.deadline, e.deadline != null && e.deadline.isBefore(now), e.status,
                e.reportedAt)).toList();
    }
}
