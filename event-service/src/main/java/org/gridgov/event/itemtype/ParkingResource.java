package org.gridgov.event.itemtype;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.event.lifecycle.EventAccess;
import org.gridgov.event.lifecycle.EventReads;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventView;

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

/** 挂账 over REST: the handler asks, a supervisor approves or refuses, and takes it out again at review. */
@Path("/events/{id}/parking")
@Tag(name = "Events")
public class ParkingResource {
    @Inject
    Parking parking;

    @Inject
    EventAccess access;

    @Inject
    EventReads reads;

    @Inject
    SecurityIdentity caller;

    public record ParkingRequest(@NotBlank @Size(max = 2000) String reason, @NotNull LocalDate reviewOn) {
    }

    public record ParkingDecision(@NotNull Boolean approved, @Size(max = 2000) String note) {
    }

    public record ParkingEnd(@Size(max = 2000) String note) {
    }

    @POST
    @RolesAllowed({ "grid_worker", "grid_leader", "dept_handler", "community_staff", "street_staff", "admin" })
    @Operation(summary = "挂账: ask to park the item as cannot be solved now, with a reason and a review date",
            description = "Only while DISPATCHED or IN_PROGRESS (409 otherwise, or while a request is pending) and inside the "
                    + "caller's jurisdiction. A supervisor decides (POST /events/{id}/parking/decision).")
    @Transactional
    public EventView request(@PathParam("id") UUID id, @Valid @NotNull ParkingRequest body) {
        EventRecord e = ItemTypeResources.handlerOf(access, caller, id);
        return EventView.of(parking.request(e, caller.getPrincipal().getName(), body.reason(), body.reviewOn()), reads.timeline(id));
    }

    @POST
    @Path("/decision")
    @RolesAllowed({ "supervisor", "admin" })
    @Operation(summary = "挂账: a supervisor approves (PARKED, the task's clock stops) or refuses the parking",
            description = "Inside the supervisor's jurisdiction; 409 without a pending request; whoever asked does not decide (403).")
    @Transactional
    public EventView decide(@PathParam("id") UUID id, @Valid @NotNull ParkingDecision body) {
        EventRecord e = access.lockedActionable(id);
        return EventView.of(parking.decide(e, caller.getPrincipal().getName(), body.approved(), body.note()), reads.timeline(id));
    }

    @POST
    @Path("/end")
    @RolesAllowed({ "supervisor", "admin" })
    @Operation(summary = "挂账 reviewed: the item is handled again (IN_PROGRESS) and the task's clock runs again",
            description = "Only while PARKED (409 otherwise), inside the supervisor's jurisdiction.")
    @Transactional
    public EventView end(@PathParam("id") UUID id, @Valid ParkingEnd body) {
        EventRecord e = access.lockedActionable(id);
        return EventView.of(parking.end(e, caller.getPrincipal().getName(), body == null ? null : body.note()), reads.timeline(id));
    }
}
