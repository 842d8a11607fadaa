package org.gridgov.grid.registry;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.geo.GeoJson;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.CountyScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/grids")
@Tag(name = "Grids", description = "The one net (一张网): district → street → community → level-1 grid → level-2 grid")
public class GridResource {

    @Inject
    GridRegistry registry;

    @Inject
    ObjectMapper mapper;

    @Inject
    SecurityIdentity caller;

    @Inject
    EntityManager em;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @POST
    @RolesAllowed("admin")
    @CountyScoped
    @Operation(summary = "Create a district, street, community, level-1 or level-2 grid",
            description = "A county's administrator creates nodes below her county only (403 naming code or parentCode), never a county.")
    public Response create(@Valid @NotNull GridRequest req) {
        CountyChecks.check(jurisdiction.get(), req, "");
        GridNode n = registry.create(req, caller.getPrincipal().getName());
        return Response.created(URI.create("/grids/" + n.code)).entity(GridView.of(n, mapper)).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed("admin")
    @CountyScoped
    @Operation(summary = "Replace a node's name, leader, matters or boundary",
            description = "A county's administrator: nodes below her county only (403).")
    public GridView replace(@PathParam("code") String code, @Valid @NotNull GridRequest req) {
        CountyChecks.check(jurisdiction.get(), code, "code");
        CountyChecks.check(jurisdiction.get(), req, "");
        return GridView.of(registry.replace(code, req, caller.getPrincipal().getName()), mapper);
    }

    public record Retirement(@Size(max = 15) String successorCode) {
    }

    @POST
    @Path("/{code}/retirement")
    @RolesAllowed("admin")
    @CountyScoped
    @Operation(summary = "Retire a node", description = "Its households, buildings and people move to the successor grid; "
            + "a node with active children is refused. The node and its history stay readable. A county's administrator: "
            + "nodes and successors below her county only (403).")
    public GridView retire(@PathParam("code") String code, @Valid Retirement body) {
        CountyChecks.check(jurisdiction.get(), code, "code");
        CountyChecks.check(jurisdiction.get(), body == null ? null : body.successorCode(), "successorCode");
        return GridView.of(registry.retire(code, body == null ? null : body.successorCode(), caller.getPrincipal().getName()), mapper);
    }

    @Inject
    Reorganization reorganization;

    @POST
    @Path("/reorganizations")
    @RolesAllowed("admin")
    @Operation(summary = "Move, split or merge level-2 grids", description = "Retires the listed grids and creates the new ones "
            + "in one transaction. Each household goes to the new grid containing its building, else to fallbackCode; "
            + "buildings, thematic memberships and people follow. Retired grids keep their history and name their successors. "
            + "A county's administrator: every grid named (retire, create, fallbackCode) below her county (403 listing them).")
    @CountyScoped
    public Reorganization.Result reorganize(@Valid @NotNull Reorganization.Request req) {
        checkCounty(req);
        return reorganization.apply(req, caller.getPrincipal().getName());
    }

    /** every code a reorganization names, for a county's administrator: 403 listing those outside her county */
    private void checkCounty(Reorganization.Request req) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        List<org.gridgov.common.problem.Problem.FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < req.retire().size(); i++) {
            add(errors, "retire[" + i + "]", CountyChecks.refusal(j, req.retire().get(i)));
        }
        for (int i = 0; i < req.create().size(); i++) {
            add(errors, "create[" + i + "].code", CountyChecks.refusal(j, req.create().get(i).code()));
            add(errors, "create[" + i + "].parentCode", CountyChecks.parentRefusal(j, req.create().get(i).parentCode()));
        }
        add(errors, "fallbackCode", CountyChecks.refusal(j, req.fallbackCode()));
        if (!errors.isEmpty()) {
            throw CountyChecks.forbidden(errors);
        }
    }

    private static void add(List<org.gridgov.common.problem.Problem.FieldError> errors, String field, String why) {
        if (why != null) {
            errors.add(new org.gridgov.common.problem.Problem.FieldError(field, why));
        }
    }

    @GET
    @Path("/{code}")
    @RolesAllowed("**")
    @Operation(summary = "One node", description = "Inside the caller's jurisdiction, or one of its ancestors; else 404")
    public GridView get(@PathParam("code") String code) {
        GridNode n = GridNode.findById(code);
        if (n == null || !jurisdiction.get().coversOrContains(code)) {
            throw ProblemException.notFound("grid " + code);
        }
        return GridView.of(n, mapper);
    }

    public record HistoryEntry(long version, String change, String changedBy, java.time.OffsetDateTime changedAt,
            com.fasterxml.jackson.databind.JsonNode snapshot) {
    }

    @GET
    @Path("/{code}/history")
    @RolesAllowed("**")
    @Operation(summary = "Every version of a node, oldest first")
    public List<HistoryEntry> history(@PathParam("code") String code) {
        if (!jurisdiction.get().coversOrContains(code)) {
            throw ProblemException.notFound("grid " + code);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select version, change, changed_by, changed_at, snapshot from grid_node_history "
                + "where code = :c order by id").setParameter("c", code).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("grid " + code);
        }
        return rows.stream().map(r -> new HistoryEntry(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                org.gridgov.common.tx.Transactions.offset(r[3]),
                registry.readTree((String) r[4]))).toList();
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "List nodes by parent, level, kind or status (active by default)",
            description = "Only nodes inside the caller's jurisdiction (her grids, her community's or street's nodes below it)")
    public List<GridView> list(@QueryParam("parent") String parent, @QueryParam("level") GridNode.Level level,
            @QueryParam("kind") GridNode.Kind kind, @QueryParam("status") String status) {
        StringBuilder q = new StringBuilder("status = :status");
        Map<String, Object> p = new HashMap<>();
        p.put("status", status == null ? GridNode.ACTIVE : status);
        if (parent != null) {
            q.append(" and parentCode = :parent");
            p.put("parent", parent);
        }
        if (level != null) {
            q.append(" and level = :level");
            p.put("level", level);
        }
        if (kind != null) {
            q.append(" and kind = :kind");
            p.put("kind", kind);
        }
        org.gridgov.common.security.Jurisdiction.Filter scope = jurisdiction.get().filter("code");
        q.append(" and ").append(scope.clause());
        scope.addTo(p);
        return GridNode.<GridNode>find(q.toString(), Sort.by("code"), p).list().stream().map(n -> GridView.of(n, mapper)).toList();
    }

    public record Ancestor(String code, String name, GridNode.Level level) {
    }

    public record Located(boolean located, String gridCode, String gridName, String communityCode, String streetCode,
            String districtCode, List<Ancestor> lineage, String matchedBy) {
        static Located none(String by) {
            return new Located(false, null, null, null, null, null, List.of(), by);
        }
    }

    @GET
    @Path("/locate")
    @RolesAllowed("**")
    @Operation(summary = "Locate a WGS84 point, a building or an address to its level-2 grid, with its ancestors",
            description = "Give lat and lon, or building (a building code), or address (matched against buildings' addresses). "
                    + "A point in no grid answers located=false. A point on a border shared by grids gets the grid with the smallest code. "
                    + "Deliberately open to every signed-in caller, whatever her jurisdiction: it tells where a point is, "
                    + "the grid's code and name, nothing about the people in it.")
    public Located locate(@QueryParam("lat") Double lat, @QueryParam("lon") Double lon, @QueryParam("building") String building,
            @QueryParam("address") String address) {
        if (lat != null || lon != null) {
            if (lat == null || lon == null) {
                throw ProblemException.invalid(lat == null ? "lat" : "lon", "give both lat and lon");
            }
            GeoJson.checkRange(lon, lat, "lat/lon");
            return registry.locate(lon, lat).map(code -> located(code, "point")).orElse(Located.none("point"));
        }
        if (building != null) {
            Object grid = em.createNativeQuery("select grid_code from building where code = :c").setParameter("c", building)
                    .getResultStream().findFirst().orElse(null);
            return grid == null ? Located.none("building") : located((String) grid, "building");
        }
        if (address != null && !address.isBlank()) {
            Object grid = em.createNativeQuery("select grid_code from building where address = :a or address like :p "
                    + "order by length(address), code limit 1").setParameter("a", address.strip())
                    .setParameter("p", "%" + address.strip().replace("%", "").replace("_", "") + "%")
                    .getResultStream().findFirst().orElse(null);
            return grid == null ? Located.none("address") : located((String) grid, "address");
        }
        throw ProblemException.invalid("lat", "give lat and lon, or building, or address");
    }

    private Located located(String code, String by) {
        List<GridNode> lineage = registry.lineage(code);
        GridNode g = lineage.get(lineage.size() - 1);
        return new Located(true, g.code, g.name, g.communityCode, g.streetCode, g.districtCode,
                lineage.stream().map(n -> new Ancestor(n.code, n.name, n.level)).toList(), by);
    }
}
