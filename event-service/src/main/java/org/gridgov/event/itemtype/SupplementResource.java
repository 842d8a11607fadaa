package org.gridgov.event.itemtype;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.lifecycle.EventAccess;
import org.gridgov.event.lifecycle.EventReads;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventView;
import org.gridgov.event.evidence.Evidence;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** 补办件 over REST: the handler asks for the missing material, the reporter supplies it. */
@Path("/events/{id}/material")
@Tag(name = "Events")
public class SupplementResource {
    @Inject
    Supplements supplements;

    @Inject
    EventAccess access;

    @Inject
    EventReads reads;

    @Inject
    SecurityIdentity caller;

    public record MaterialRequest(@NotBlank @Size(max = 2000) String missing) {
    }

    public record MaterialSupplied(@NotBlank @Size(max = 2000) String note, @Size(max = 9) List<@Valid @NotNull Evidence> evidence) {
    }

    @POST
    @Path("/request")
    @RolesAllowed({ "grid_worker", "grid_leader", "dept_handler", "community_staff", "street_staff", "admin" })
    @Operation(summary = "补办件: ask the reporter for missing material; the task's clock waits",
            description = "Only while the event is DISPATCHED or IN_PROGRESS (409 otherwise) and inside the caller's jurisdiction "
                    + "(a department: its own task). The event becomes WAITING_MATERIAL, itemType SUPPLEMENTARY; escalation-service "
                    + "stops the task's clock until the material comes or gridgov.event.supplement.max-working-days working days "
                    + "have passed, when the clock runs again without it.")
    @Transactional
    public EventView request(@PathParam("id") UUID id, @Valid @NotNull MaterialRequest body) {
        EventRecord e = ItemTypeResources.handlerOf(access, caller, id);
        return EventView.of(supplements.request(e, caller.getPrincipal().getName(), body.missing()), reads.timeline(id));
    }

    @POST
    @RolesAllowed({ "resident", "operator", "admin" })
    @Operation(summary = "补办件: the reporter supplies the missing material (an operator for a hotline caller); the clock runs again",
            description = "Only while the event is WAITING_MATERIAL (409 otherwise); only its reporter, or an operator of its place.")
    @Transactional
    public EventView supply(@PathParam("id") UUID id, @Valid @NotNull MaterialSupplied body) {
        EventRecord e = access.lockedReadable(id);
        String me = caller.getPrincipal().getName();
        boolean operator = (caller.hasRole("operator") || caller.hasRole("admin")) && access.inRemit(e);
        if (!operator && !me.equals(e.reporterId)) {
            throw ProblemException.forbidden("only the reporter of this event, or an operator of its place, supplies its material");
        }
        return EventView.of(supplements.supply(e, me, body.note(), body.evidence()), reads.timeline(id));
    }
}
