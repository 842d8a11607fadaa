package org.gridgov.grid.visit;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/visits")
@Tag(name = "Visits", description = "行村制: household visits; a problem found becomes an event in event-service")
@RolesAllowed({ "admin", "grid_leader", "grid_worker", "cadre", "community_staff" })
public class VisitResource {

    @Inject
    VisitService visits;

    @Inject
    SecurityIdentity caller;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    public record VisitView(UUID id, UUID householdId, String gridCode, String visitorId, OffsetDateTime visitedAt, String notes,
            Visit.MustVisitReason mustVisitReason, List<UUID> problemIds, List<VisitPhotos.PhotoView> photos) {
        static VisitView of(Visit v, List<UUID> problems) {
            return of(v, problems, null);
        }

        static VisitView of(Visit v, List<UUID> problems, List<VisitPhotos.PhotoView> photos) {
            return new VisitView(v.id, v.householdId, v.gridCode, v.visitorId, v.visitedAt, v.notes, v.mustVisitReason, problems, photos);
        }
    }

    @Inject
    VisitPhotos photos;

    @Inject
    jakarta.persistence.EntityManager em;

    @GET
    @Path("/{id}")
    @Operation(summary = "One visit with its problems and photos", description = "Only a visit whose grid is inside the caller's jurisdiction; else 404")
    public VisitView get(@PathParam("id") UUID id) {
        Visit v = photos.visible(id, jurisdiction.get());
        @SuppressWarnings("unchecked")
        List<UUID> problems = em.createNativeQuery("select id from visit_problem where visit_id = :v order by id").setParameter("v", id)
                .getResultList();
        return VisitView.of(v, problems, photos.list(id));
    }

    @POST
    @RolesAllowed({ "grid_leader", "grid_worker", "cadre" })
    @Operation(summary = "Record a visit by the caller (the token's subject must be a registered person)",
            description = "Each problem found is announced on gridgov.grid.visit.v1; event-service opens one event per problem.")
    public Response record(@Valid @NotNull VisitService.VisitRequest req) {
        org.gridgov.grid.household.Household h = org.gridgov.grid.household.Household.findById(req.householdId());
        if (h != null) {
            jurisdiction.get().checkWrite(h.gridCode, "household " + h.id);
        }
        VisitService.Recorded r = visits.record(req, caller.getPrincipal().getName());
        return Response.created(URI.create("/visits/" + r.visit().id)).entity(VisitView.of(r.visit(), r.problemIds())).build();
    }

    @GET
    @Operation(summary = "Visits by household, grid or visitor, newest first; only visits in the caller's jurisdiction")
    public List<VisitView> list(@QueryParam("household") UUID household, @QueryParam("grid") String grid,
            @QueryParam("visitor") String visitor, @QueryParam("limit") Integer limit) {
        Map<String, Object> p = new HashMap<>();
        org.gridgov.common.security.Jurisdiction.Filter scope = jurisdiction.get().filter("gridCode");
        StringBuilder q = new StringBuilder(scope.clause());
        scope.addTo(p);
        if (household != null) {
            q.append(" and householdId = :h");
            p.put("h", household);
        }
        if (grid != null) {
            q.append(" and gridCode = :g");
            p.put("g", grid);
        }
        if (visitor != null) {
            q.append(" and visitorId = :v");
            p.put("v", visitor);
        }
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return Visit.<Visit>find(q.toString(), Sort.descending("visitedAt"), p).page(0, n).list().stream()
                .map(v -> VisitView.of(v, null)).toList();
    }
}
