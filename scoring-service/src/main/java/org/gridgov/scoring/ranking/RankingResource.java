package org.gridgov.scoring.ranking;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.scoring.support.Db;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/")
@Tag(name = "Rankings")
public class RankingResource {

    @Inject
    Rankings rankings;

    @Inject
    Db db;

    @Inject
    SecurityIdentity caller;

    @GET
    @Path("/rankings")
    @RolesAllowed({ "scorer", "supervisor", "admin" })
    @Operation(summary = "Live leaderboard of a level (USER, GRID, COMMUNITY, STREET) for a month, quarter or year",
            description = "Ordered by points descending, then subject ascending; rank is shared by equal points. "
                    + "within: a code prefix (street, community or grid); class: individuals of one class.")
    public Rankings.Ranking live(@QueryParam("level") String level, @QueryParam("period") String period,
            @QueryParam("within") String within, @QueryParam("class") String classCode, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return rankings.live(level, period, within, classCode, limit, offset);
    }

    @POST
    @Path("/rankings/{quarter}/publish")
    @RolesAllowed({ "supervisor", "admin" })
    @Operation(summary = "Publish the quarter's rankings of grids, communities and streets (一季一评议): frozen, public")
    public Rankings.PublishResult publish(@PathParam("quarter") String quarter) {
        return rankings.publish(quarter, caller.getPrincipal().getName());
    }

    @GET
    @Path("/public/rankings")
    @PermitAll
    @Operation(summary = "Published quarterly rankings (no login)")
    public List<Map<String, Object>> published() {
        return db.read(rankings::publishedList);
    }

    @GET
    @Path("/public/rankings/{quarter}")
    @PermitAll
    @Operation(summary = "A published quarterly ranking (no login)")
    public Rankings.Published published(@PathParam("quarter") String quarter, @QueryParam("level") String level,
            @QueryParam("within") String within, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return rankings.published(quarter, level, within, limit, offset);
    }
}
