package org.gridgov.grid.household;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.pii.PersonalData;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/households")
@Tag(name = "Households", description = "一户一档: household files, tags, focus households, contact cadres (党员联户)")
@RolesAllowed({ "admin", "grid_leader", "grid_worker", "community_staff" })
public class HouseholdResource {

    @Inject
    HouseholdService households;

    @Inject
    PersonalData pii;

    @Inject
    SecurityIdentity caller;

    @Inject
    org.gridgov.grid.audit.PiiAudit audit;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    /** the household, or 404 when it does not exist or lies outside the caller's jurisdiction */
    Household visible(UUID id) {
        return households.visible(id, jurisdiction.get());
    }

    /** In lists the phone and the ID number are always masked. */
    public record HouseholdView(UUID id, String code, String gridCode, String buildingCode, String address, String headName,
            String headPhone, String headIdNumber, int memberCount, List<String> tags, List<String> focusTags,
            String contactPersonId, List<String> thematicGrids, OffsetDateTime updatedAt, String status, OffsetDateTime movedOutAt) {
    }

    HouseholdView view(Household h, boolean clearPhone, boolean clearId, boolean withThemes) {
        return new HouseholdView(h.id, h.code, h.gridCode, h.buildingCode, h.address, h.headName,
                clearPhone ? pii.decrypt(h.headPhoneEncrypted) : h.headPhoneMasked,
                clearId ? pii.decrypt(h.headIdEncrypted) : h.headIdMasked, h.memberCount, h.tags, h.focusTags,
                h.contactPersonId, withThemes ? households.thematicGrids(h.id) : null, h.updatedAt, h.status, h.movedOutAt);
    }

    @POST
    @RolesAllowed({ "admin", "grid_leader", "grid_worker" })
    @Operation(summary = "Register a household")
    public Response create(@Valid @NotNull HouseholdRequest req) {
        jurisdiction.get().checkWrite(req.gridCode(), "grid " + req.gridCode());
        if (req.thematicGrids() != null) { // joining a thematic grid puts the household on its list: the caller's to decide
            req.thematicGrids().forEach(code -> jurisdiction.get().checkWrite(code, "thematic grid " + code));
        }
        Household h = households.create(req);
        return Response.created(URI.create("/households/" + h.id)).entity(view(h, false, false, true)).build();
    }

    @GET
    @Operation(summary = "Households of a grid, focus households first; phone and ID number masked",
            description = "Filter by grid, tag, focus tag or contact cadre; only households inside the caller's jurisdiction.")
    public List<HouseholdView> list(@QueryParam("grid") String grid, @QueryParam("tag") Household.Tag tag,
            @QueryParam("focus") Household.FocusTag focus, @QueryParam("contact") String contact,
            @QueryParam("limit") Integer limit) {
        StringBuilder q = new StringBuilder("select * from household where status = 'ACTIVE'");
        Map<String, Object> p = new HashMap<>();
        org.gridgov.common.security.Jurisdiction.Filter scope = jurisdiction.get().filter("grid_code");
        q.append(" and ").append(scope.clause());
        scope.addTo(p);
        if (grid != null) {
            q.append(" and grid_code = :grid");
            p.put("grid", grid);
        }
        if (contact != null) {
            q.append(" and contact_person_id = :contact");
            p.put("contact", contact);
        }
        if (tag != null) {
            q.append(" and cast(:tag as text) = any(tags)");
            p.put("tag", tag.name());
        }
        if (focus != null) {
            q.append(" and cast(:focus as text) = any(focus_tags)");
            p.put("focus", focus.name());
        }
        q.append(" order by case when cardinality(focus_tags) > 0 then 0 else 1 end, code limit :n");
        p.put("n", limit == null ? 200 : Math.max(1, Math.min(limit, 2000)));
        jakarta.persistence.Query query = em.createNativeQuery(q.toString(), Household.class);
        p.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Household> rows = query.getResultList();
        return rows.stream().map(h -> view(h, false, false, false)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One household file; the phone in clear for grid staff, the ID number only for admins")
    public HouseholdView get(@PathParam("id") UUID id) {
        boolean staff = caller.hasRole("admin") || caller.hasRole("grid_leader") || caller.hasRole("grid_worker");
        Household h = visible(id);
        java.util.List<String> clear = new java.util.ArrayList<>();
        if (staff && h.headPhoneEncrypted != null) {
            clear.add("headPhone");
        }
        if (caller.hasRole("admin") && h.headIdEncrypted != null) {
            clear.add("headIdNumber");
        }
        audit.read("household:" + h.id, clear, "GET /households/" + h.id);
        return view(h, staff, caller.hasRole("admin"), true);
    }

    @Inject
    HouseholdEdits edits;

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ "admin", "grid_leader", "grid_worker" })
    @Operation(summary = "Change a household file: address, building, head, phone, ID number, member count, tags, focus tags, thematic grids",
            description = "Fields left out stay as they are. Only a household inside the caller's jurisdiction (else 404); a thematic "
                    + "grid added or removed must be inside it too (403). A moved-out household is 409. Changes of personal data "
                    + "are recorded in the PIPL audit (GET /audit/pii, action CHANGE), by field name.")
    public HouseholdView edit(@PathParam("id") UUID id, @Valid @NotNull HouseholdEdit body) {
        visible(id);
        return view(edits.edit(id, body, jurisdiction.get()), false, false, true);
    }

    @POST
    @Path("/{id}/move-out")
    @RolesAllowed({ "admin", "grid_leader", "grid_worker" })
    @Operation(summary = "The household moved out (迁出)", description = "It leaves the grid's lists, coverage and thematic grids; "
            + "its file, members and visits stay readable (GET /households/{id}, status MOVED_OUT). It can no longer be visited or changed.")
    public HouseholdView moveOut(@PathParam("id") UUID id, @Valid HouseholdEdits.MoveOut body) {
        visible(id);
        return view(edits.moveOut(id, body == null ? new HouseholdEdits.MoveOut(null, null) : body), false, false, true);
    }

    public record ContactAssignment(@Size(max = 100) String personId) {
    }

    @PUT
    @Path("/{id}/contact")
    @RolesAllowed({ "admin", "grid_leader" })
    @Operation(summary = "Assign the household's contact cadre or party member (党员联户)")
    public HouseholdView assignContact(@PathParam("id") UUID id, @Valid @NotNull ContactAssignment body) {
        visible(id);
        return view(households.assignContact(id, body.personId()), false, false, true);
    }

    @GET
    @Path("/by-contact/{personId}")
    @Operation(summary = "A cadre's list: the households she is the contact for")
    public List<HouseholdView> byContact(@PathParam("personId") String personId) {
        return Household.<Household>list("contactPersonId = ?1 and status = 'ACTIVE'", Sort.by("code"), personId).stream()
                .filter(h -> jurisdiction.get().covers(h.gridCode)).map(h -> view(h, false, false, false)).toList();
    }
}
