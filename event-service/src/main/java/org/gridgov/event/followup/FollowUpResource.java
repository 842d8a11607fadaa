package org.gridgov.event.followup;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.event.lifecycle.EventAccess;
import org.gridgov.event.lifecycle.EventRecord;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The calls of the follow-up queue (回访), each recorded; the last one allowed closes the event as 回访未果. */
@Path("/events/{id}/follow-up-attempts")
@Tag(name = "Events")
public class FollowUpResource {

    @Inject
    FollowUpCalls calls;

    @Inject
    EventAccess access;

    @Inject
    SecurityIdentity caller;

    /** A call that got no rating: NO_ANSWER, UNREACHABLE or CALL_BACK_LATER, with an optional note. */
    public record AttemptRequest(@NotNull FollowUpAttempt.Outcome outcome, @Size(max = 2000) String note) {
    }

    @POST
    @RolesAllowed({ "operator", "community_staff", "street_staff", "admin" })
    @Operation(summary = "Record a follow-up call that got no rating (回访未接通)",
            description = "Only for a VERIFIED event inside the caller's jurisdiction (409 for another state, 403 outside her "
                    + "remit). After gridgov.event.follow-up.max-attempts unanswered attempts since its verification the event is "
                    + "closed as 回访未果 (CLOSED, followUpOutcome NO_ANSWER, no rating). An answered call is recorded with its "
                    + "rating (POST /events/{id}/follow-up by an operator).")
    @Transactional
    public FollowUpCalls.Attempts record(@PathParam("id") UUID id, @Valid @NotNull AttemptRequest body) {
        access.lockedActionable(id);
        return calls.unanswered(id, caller.getPrincipal().getName(), body.outcome(), body.note());
    }

    @GET
    @RolesAllowed({ "operator", "community_staff", "street_staff", "admin" })
    @Operation(summary = "The follow-up calls of an event: who called, when, and what came of it")
    public FollowUpCalls.Attempts list(@PathParam("id") UUID id) {
        EventRecord e = access.readable(id);
        return calls.of(e);
    }
}
