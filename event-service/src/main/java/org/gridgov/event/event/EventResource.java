package org.gridgov.event.event;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;

import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/events")
@Tag(name = "Events")
public class EventResource {

    @Inject
    EventLifecycleService events;

    @Inject
    SecurityIdentity caller;

    @POST
    @RolesAllowed({ "resident", "grid_worker", "operator", "admin" })
    @Operation(summary = "Report a problem", description = "A retried submission with the same Idempotency-Key "
            + "returns the first event (200) instead of creating another (201).")
    public Response report(@Valid @NotNull Requests.Report body,
            @Parameter(description = "client-chosen key that makes retries safe") @Size(max = 200) @HeaderParam("Idempotency-Key") String idempotencyKey) {
        EventLifecycleService.Reported r = events.report(body, caller.getPrincipal().getName(), idempotencyKey);
        EventView view = EventView.of(r.event(), events.timeline(r.event().id));
        return (r.created() ? Response.created(URI.create("/events/" + r.event().id)) : Response.ok()).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    @Operation(summary = "An event with its full timeline")
    public EventView get(@PathParam("id") UUID id) {
        EventRecord e = EventRecord.findById(id);
        if (e == null || (onlyResident() && !e.reporterId.equals(caller.getPrincipal().getName()))) {
            throw ProblemException.notFound("event " + id);
        }
        return EventView.of(e, events.timeline(id));
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "Events, newest first; residents see only their own")
    public List<EventView> list(@QueryParam("status") EventStatus status, @QueryParam("grid") String grid,
            @QueryParam("limit") Integer limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (status != null) {
            q.append(" and status = :status");
            params.put("status", status);
        }
        if (grid != null) {
            q.append(" and gridCode = :grid");
            params.put("grid", grid);
        }
        if (onlyResident()) {
            q.append(" and reporterId = :me");
            params.put("me", caller.getPrincipal().getName());
        }
        int n = limit == null ? 50 : Math.max(1, Math.min(limit, 500));
        return EventRecord.<EventRecord>find(q.toString(), Sort.descending("reportedAt"), params).page(0, n).list().stream()
                .map(e -> EventView.of(e, List.of())).toList();
    }

    @POST
    @Path("/{id}/resolution")
    @RolesAllowed({ "grid_worker", "grid_leader", "dept_handler", "community_staff", "street_staff", "admin" })
    @Operation(summary = "The handler resolves the event (办结)")
    public EventView resolve(@PathParam("id") UUID id, @Valid @NotNull Requests.Resolution body) {
        EventRecord e = events.resolve(id, caller.getPrincipal().getName(), body.note());
        return EventView.of(e, events.timeline(id));
    }

    @POST
    @Path("/{id}/verification")
    @RolesAllowed({ "grid_worker", "grid_leader", "admin" })
    @Operation(summary = "The grid worker verifies on site (核查): pass, or rework with a reason")
    public EventView verify(@PathParam("id") UUID id, @Valid @NotNull Requests.Verification body) {
        if (!body.passed() && (body.note() == null || body.note().isBlank())) {
            throw ProblemException.invalid("note", "a rework needs a reason");
        }
        EventRecord e = events.verify(id, caller.getPrincipal().getName(), body.passed(), body.note());
        return EventView.of(e, events.timeline(id));
    }

    @POST
    @Path("/{id}/follow-up")
    @RolesAllowed({ "resident", "grid_worker", "operator", "admin" })
    @Operation(summary = "The reporter rates the result (回访); DISSATISFIED reopens, anything else closes")
    public EventView followUp(@PathParam("id") UUID id, @Valid @NotNull Requests.FollowUp body) {
        boolean operator = caller.hasRole("operator") || caller.hasRole("admin");
        EventRecord e = events.followUp(id, caller.getPrincipal().getName(), operator, body.satisfaction(), body.comment());
        return EventView.of(e, events.timeline(id));
    }

    private boolean onlyResident() {
        return caller.hasRole("resident") && caller.getRoles().size() == 1;
    }
}
