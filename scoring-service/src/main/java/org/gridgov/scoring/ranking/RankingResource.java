package org.gridgov.scoring.ranking;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.scoring.access.Counties;
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
                    + "without within, county-wide callers (district claim) rank their county, others their one area. "
                    + "Each county's subjects are ranked among themselves (rows carry county, county by county): county picks "
                    + "one the caller reaches (403 otherwise); without it the caller's counties, every county for the system "
                    + "administrator. Individuals without a home code are ranked in each county, among themselves without county")
    public Rankings.Ranking live(@QueryParam("level") String level, @QueryParam("period") String period,
            @QueryParam("within") String within, @QueryParam("class") String classCode, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset, @QueryParam("county") String county) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        List<String> counties = Counties.of(j, county);
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
        return rankings.live(level, period, within, classCode, limit, offset, counties);
    }

    @POST
    @Path("/rankings/{quarter}/publish")
    @RolesAllowed({ "supervisor", "admin" })
    @Operation(summary = "Publish the quarter's rankings of grids, communities and streets (一季一评议) of a county: frozen, public",
            description = "Each county's subjects ranked among themselves, one ranking per county. county: that county (a county "
                    + "office or county's administrator: her own, 403 otherwise), even without ranked subjects; without it each "
                    + "of the caller's counties with ranked subjects in the quarter (every county for the system administrator). "
                    + "The quarter's months must be locked for each county (409)")
    public Rankings.PublishResult publish(@PathParam("quarter") String quarter, @QueryParam("county") String county) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        org.gridgov.scoring.access.SubjectScope.checkCountyWide(j, "publishing rankings");
        List<String> counties = Counties.of(j, county);
        return rankings.publish(quarter, county, counties, caller.getPrincipal().getName(), j);
    }

    @GET
    @Path("/public/rankings")
    @PermitAll
    @Operation(summary = "Published quarterly rankings (no login): period, level, county",
            description = "county: that county's only; without it every county's")
    public List<Map<String, Object>> published(@QueryParam("county") String county) {
        Counties.checkCode(county);
        return db.read(c -> rankings.publishedList(c, county));
    }

    @GET
    @Path("/public/rankings/{quarter}")
    @PermitAll
    @Operation(summary = "A county's published quarterly ranking (no login)",
            description = "county, else the county of within, else the one county that published the quarter (400 naming county "
                    + "when several did)")
    public Rankings.Published published(@PathParam("quarter") String quarter, @QueryParam("level") String level,
            @QueryParam("within") String within, @QueryParam("county") String county, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return rankings.published(quarter, level, within, county, limit, offset);
    }
}
