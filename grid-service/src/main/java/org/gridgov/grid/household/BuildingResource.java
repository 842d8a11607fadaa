package org.gridgov.grid.household;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.geo.GeoJson;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.grid.registry.GridNode;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/buildings")
@Tag(name = "Buildings", description = "楼栋 in level-2 grids")
public class BuildingResource {

    @jakarta.inject.Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    public record BuildingRequest(
            @NotBlank @Pattern(regexp = "\\d{18}", message = "must be the 15-digit grid code followed by 3 digits") String code,
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 200) String address,
            Double latitude,
            Double longitude,
            @Size(max = 100) String leaderId) {
    }

    public record BuildingView(String code, String gridCode, String name, String address, Double latitude, Double longitude,
            String leaderId) {
        static BuildingView of(Building b) {
            return new BuildingView(b.code, b.gridCode, b.name, b.address, b.latitude, b.longitude, b.leaderId);
        }
    }

    @POST
    @RolesAllowed({ "admin", "grid_leader" })
    @Transactional
    @Operation(summary = "Register a building; its grid is the first 15 digits of its code")
    public Response create(@Valid @NotNull BuildingRequest req) {
        String gridCode = req.code().substring(0, 15);
        jurisdiction.get().checkWrite(gridCode, "grid " + gridCode);
        GridNode g = GridNode.findById(gridCode);
        if (g == null || g.level != GridNode.Level.GRID || !GridNode.ACTIVE.equals(g.status)) {
            throw ProblemException.invalid("code", "its first 15 digits must be an active level-2 grid, not " + gridCode);
        }
        if (Building.findById(req.code()) != null) {
            throw ProblemException.invalid("code", "building " + req.code() + " already exists");
        }
        if ((req.latitude() == null) != (req.longitude() == null)) {
            throw ProblemException.invalid(req.latitude() == null ? "latitude" : "longitude", "give both latitude and longitude");
        }
        if (req.latitude() != null) {
            GeoJson.checkRange(req.longitude(), req.latitude(), "latitude/longitude");
        }
        org.gridgov.grid.people.Person leader = req.leaderId() == null ? null : org.gridgov.grid.people.Person.findById(req.leaderId());
        if (req.leaderId() != null && leader == null) {
            throw ProblemException.invalid("leaderId", "unknown person " + req.leaderId());
        }
        if (leader != null && !org.gridgov.grid.people.Person.ACTIVE.equals(leader.status)) {
            throw ProblemException.invalid("leaderId", "person " + req.leaderId() + " is deactivated");
        }
        Building b = new Building();
        b.code = req.code();
        b.gridCode = gridCode;
        b.name = req.name().strip();
        b.address = req.address().strip();
        b.latitude = req.latitude();
        b.longitude = req.longitude();
        b.leaderId = req.leaderId();
        b.createdAt = OffsetDateTime.now();
        b.persist();
        return Response.created(URI.create("/buildings/" + b.code)).entity(BuildingView.of(b)).build();
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "Buildings, of one grid or all, inside the caller's jurisdiction")
    public List<BuildingView> list(@QueryParam("grid") String grid) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        org.gridgov.common.security.Jurisdiction.Filter scope = jurisdiction.get().filter("gridCode");
        scope.addTo(p);
        String q = scope.clause();
        if (grid != null) {
            q += " and gridCode = :grid";
            p.put("grid", grid);
        }
        List<Building> all = Building.list(q, Sort.by("code"), p);
        return all.stream().map(BuildingView::of).toList();
    }
}
