package org.gridgov.scoring.ranking;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.scoring.jdbc.Db;

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

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @GET
    @Path("/rankings")
    @RolesAllowed({ "scorer", "supervisor", "admin" })
    @Operation(summary = "Live leaderboard of a level (USER, GRID, COMMUNITY, STREET) for a month, quarter or year",
            description = "Ordered by points descending, then subject ascending; rank is shared by equal points. "
                    + "within: a code prefix (street, community or grid); class: individuals of one class. "
                    + "Callers other than admins rank within their jurisdiction: within must lie inside it (403); "
                    + "without within, county-wide callers (district claim) rank everything, others their one area.")
    public Rankings.Ranking live(@QueryParam("level") String level, @QueryParam("period") String period,
            @QueryParam("within") String within, @QueryParam("class") String classCode, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        if (!j.unrestricted()) {
            if (within == null && j.countyWide()) {
                // county-wide offices rank the whole county, individuals without a home included
            } else if (within == null) {
                List<String> prefixes = j.prefixes();
                if (prefixes.size() != 1 || j.scopes().get(0).minLength() > 0) {
                    throw org.gridgov.common.problem.ProblemException.invalid("within", "give the code of an area inside your jurisdiction "
                            + prefixes);
                }
                within = prefixes.get(0);
            } else if (!within.matches("^[0-9]{1,20}$") ? false : !j.covers(within)) {
                throw org.gridgov.common.problem.ProblemException.forbidden("within " + within + " is outside your jurisdiction");
            }
        }
        return rankings.live(level, period, within, classCode, limit, offset);
    }

    @POST
    @Path("/rankings/{quarter}/publish")
    @RolesAllowed({ "supervisor", "admin" })
    @Operation(summary = "Publish the quarter's rankings of grids, communities and streets (一季一评议): frozen, public",
            description = "County-wide: admins, or callers with a district claim when every grid, community and street "
                    + "with points in the quarter lies in their county (403 otherwise)")
    public Rankings.PublishResult publish(@PathParam("quarter") String quarter) {
        org.gridgov.scoring.access.SubjectScope.checkCountyWide(jurisdiction.get(), "publishing rankings");
        return rankings.publish(quarter, caller.getPrincipal().getName(), jurisdiction.get());
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
