package org.gridgov.grid.household;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The members of a household (一户一档): only for a household inside the caller's jurisdiction, else 404. */
@Path("/households/{id}/members")
@Tag(name = "Households")
@RolesAllowed({ "admin", "grid_leader", "grid_worker" })
public class HouseholdMemberResource {

    @Inject
    HouseholdService households;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @Inject
    HouseholdMembers members;

    @GET
    @RolesAllowed({ "admin", "grid_leader", "grid_worker", "community_staff" })
    @Operation(summary = "The household's members besides its head; phone and ID number masked")
    public List<HouseholdMembers.MemberView> list(@PathParam("id") UUID id) {
        households.visible(id, jurisdiction.get());
        return members.list(id);
    }

    @POST
    @Operation(summary = "Add a member", description = "memberCount rises when the members no longer fit in it. Audited (PIPL).")
    public Response add(@PathParam("id") UUID id, @Valid @NotNull HouseholdMembers.MemberRequest body) {
        households.visible(id, jurisdiction.get());
        HouseholdMembers.MemberView m = members.add(id, body);
        return Response.created(URI.create("/households/" + id + "/members/" + m.id())).entity(m).build();
    }

    @PUT
    @Path("/{memberId}")
    @Operation(summary = "Replace a member's name, relation, birth date, phone and ID number. Audited (PIPL).")
    public HouseholdMembers.MemberView replace(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId,
            @Valid @NotNull HouseholdMembers.MemberRequest body) {
        households.visible(id, jurisdiction.get());
        return members.replace(id, memberId, body);
    }

    @DELETE
    @Path("/{memberId}")
    @Operation(summary = "Remove a member who left the household", description = "memberCount falls by one. Audited (PIPL).")
    public Response remove(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        households.visible(id, jurisdiction.get());
        members.remove(id, memberId);
        return Response.noContent().build();
    }
}
