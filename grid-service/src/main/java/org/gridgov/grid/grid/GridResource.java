package org.gridgov.grid.grid;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.geo.GeoJson;
import org.gridgov.common.problem.ProblemException;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/grids")
@Tag(name = "Grids")
public class GridResource {

    @Inject
    GridRegistry registry;

    @Inject
    ObjectMapper mapper;

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Create a street, community or grid")
    public Response create(@Valid @NotNull GridRequest req) {
        GridNode n = registry.create(req);
        return Response.created(URI.create("/grids/" + n.code)).entity(GridView.of(n, mapper)).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed("admin")
    @Operation(summary = "Replace a node's name, leader or boundary")
    public GridView replace(@PathParam("code") String code, @Valid @NotNull GridRequest req) {
        return GridView.of(registry.replace(code, req), mapper);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed("**")
    public GridView get(@PathParam("code") String code) {
        GridNode n = GridNode.findById(code);
        if (n == null) {
            throw ProblemException.notFound("grid " + code);
        }
        return GridView.of(n, mapper);
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "List nodes, optionally the children of a parent")
    public List<GridView> list(@QueryParam("parent") String parent) {
        List<GridNode> nodes = parent == null ? GridNode.listAll(io.quarkus.panache.common.Sort.by("code"))
                : GridNode.list("parentCode", io.quarkus.panache.common.Sort.by("code"), parent);
        return nodes.stream().map(n -> GridView.of(n, mapper)).toList();
    }

    public record Located(boolean located, String gridCode, String gridName, String communityCode, String streetCode) {
    }

    @GET
    @Path("/locate")
    @RolesAllowed("**")
    @Operation(summary = "Locate a WGS84 point to its grid", description = "A point in no grid answers located=false. "
            + "A point on a shared border gets the grid with the smallest code.")
    public Located locate(@NotNull @QueryParam("lat") Double lat, @NotNull @QueryParam("lon") Double lon) {
        GeoJson.checkRange(lon, lat, "lat/lon");
        return registry.locate(lon, lat)
                .map(n -> new Located(true, n.code, n.name, n.communityCode, n.streetCode))
                .orElse(new Located(false, null, null, null, null));
    }
}
