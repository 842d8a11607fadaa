package org.gridgov.event.lifecycle;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.contract.Channel;
import org.gridgov.common.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/events")
@Tag(name = "Events")
public class EventResource {

    @Inject
    LifecycleActions events;

    @Inject
    EventReads reads;

    @Inject
    Intake intake;

    @Inject
    EventAccess access;

    @Inject
    SecurityIdentity caller;

    @Inject
    Duties duties;

    @Inject
    DuplicateRatings ratings;

    @Inject
    org.gridgov.event.followup.FollowUpCalls calls;

    @POST
    @RolesAllowed({ "resident", "grid_worker", "grid_leader", "operator", "admin" })
    @Operation(summary = "Report a problem", description = "A retried submission with the same Idempotency-Key "
            + "returns the first event (200) instead of creating another (201); the same key with a different body is a 422. "
            + "Residents' reports wait for 立案 (POST /events/{id}/acceptance); grid workers' and hotline operators' are "
            + "accepted at once. A report of the same category within the duplicate radius and window of an open one is "
            + "merged into it. A grid worker's report with solvedOnSpot (即办件) is resolved, verified and closed at once. "
            + "A grid worker's report outside her grids waits for 立案 like a resident's, and a 即办件 there is a 403 naming the place. "
            + "An operator files a 12345 call with caller (name, phone, ticket).")
    public Response report(@Valid @NotNull Requests.Report body,
            @Parameter(description = "client-chosen key that makes retries safe") @Size(max = 200) @HeaderParam("Idempotency-Key") String idempotencyKey) {
        String me = caller.getPrincipal().getName();
        boolean operator = caller.hasRole("operator") || caller.hasRole("admin");
        boolean worker = caller.hasRole("grid_worker") || caller.hasRole("grid_leader");
        if (body.caller() != null && !operator) {
            throw ProblemException.forbidden("only a hotline operator files a report on a caller's behalf");
        }
        if (body.solvedOnSpot() != null && !worker) {
            throw ProblemException.forbidden("only grid workers solve problems on the spot (即办件)");
        }
        if (body.solvedOnSpot() != null && body.caller() != null) {
            throw ProblemException.invalid("solvedOnSpot", "a hotline call is not solved on the spot");
        }
        Channel channel = body.caller() != null ? Channel.HOTLINE_12345 : body.channel() != null ? Channel.valueOf(body.channel())
                : worker ? Channel.GRID_PATROL : Channel.APP;
        if (channel == Channel.GRID_PATROL && !worker) {
            throw ProblemException.invalid("channel", "GRID_PATROL is for grid workers' reports");
        }
        String reporter = body.caller() == null ? me
                : "12345:" + (body.caller().ticket() != null ? body.caller().ticket() : "operator-" + me);
        boolean patrol = worker && (channel == Channel.GRID_PATROL || body.solvedOnSpot() != null);
        ReportIntake.Reported r = intake.report(body, channel, reporter, me, idempotencyKey, patrol ? access.jurisdiction() : null);
        // a new event's view is what this request wrote; a retry reads the stored one
        EventView view = r.created() ? EventView.of(r.event(), r.steps(), r.evidence(), List.of(),
                caller.hasRole("operator") || caller.hasRole("admin") ? intake.callerMasked(r.event()) : null) : view(r.event());
        return (r.created() ? Response.created(URI.create("/events/" + r.event().id)) : Response.ok()).entity(view).build();
    }

    @POST
    @Path("/{id}/acceptance")
    @RolesAllowed({ "operator", "community_staff", "street_staff", "admin" })
    @Operation(summary = "立案: accept the report, reject it with a reason, or merge it into an earlier report of the same problem",
            description = "Only a REPORTED event waits for this; otherwise 409 naming its state.")
    @Transactional
    public EventView decide(@PathParam("id") UUID id, @Valid @NotNull Requests.Acceptance body) {
        access.lockedActionable(id);
        if (body.mergeInto() != null) {
            EventRecord first = EventRecord.findById(body.mergeInto());
            if (first == null || !access.canRead(first)) {
                throw ProblemException.invalid("mergeInto", "no event " + body.mergeInto() + " in your jurisdiction");
            }
        }
        return view(events.decide(id, caller.getPrincipal().getName(), body));
    }

    /**
     * An event waiting for its follow-up call (回访) and everyone to ask: its reporter and the reporters of its duplicates.
     *
     * @param attempts the calls recorded so far (GET /events/{id}/follow-up-attempts has them)
     */
    public record FollowUpDue(UUID id, String category, String gridCode, String handlerUnit, OffsetDateTime resolvedAt,
            List<String> reporters, String hotlineTicket, long attempts) {
    }

    @GET
    @Path("/follow-ups")
    @RolesAllowed({ "operator", "community_staff", "street_staff", "admin" })
    @Operation(summary = "The follow-up queue (回访): verified events in the caller's jurisdiction, oldest first, with every reporter to ask",
            description = "Every reporter of the problem gets the follow-up: the first reporter and those whose reports were merged into it.")
    public List<FollowUpDue> followUps(@QueryParam("limit") Integer limit) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("verified", EventStatus.VERIFIED);
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 500));
        List<EventRecord> due = EventRecord.<EventRecord>find("status = :verified and " + access.listFilter(params)
                + " order by resolvedAt asc, id asc", params).page(0, n).list();
        return due.stream().map(e -> {
            List<String> reporters = new java.util.ArrayList<>(List.of(e.reporterId));
            EventRecord.<EventRecord>list("mergedInto", io.quarkus.panache.common.Sort.by("reportedAt"), e.id).stream()
                    .map(d -> d.reporterId).filter(r -> !reporters.contains(r)).forEach(reporters::add);
            return new FollowUpDue(e.id, e.category, e.gridCode, e.handlerUnit, e.resolvedAt, reporters, e.hotlineTicket,
                    org.gridgov.event.followup.FollowUpAttempt.count("eventId", e.id));
        }).toList();
    }

    @GET
    @Path("/{id}/caller")
    @RolesAllowed({ "operator", "admin" })
    @Operation(summary = "The 12345 caller's name and phone in clear, for the follow-up call; every read is logged (PIPL)")
    public EventView.CallerView callerInClear(@PathParam("id") UUID id) {
        access.readable(id);
        return intake.callerInClear(id, caller.getPrincipal().getName());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    @Operation(summary = "An event with its full timeline")
    public EventView get(@PathParam("id") UUID id) {
        return view(access.readable(id));
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "Events in the caller's jurisdiction; residents see only their own",
            description = "Filters: status, grid, community, street, assignee (handler unit), category (a key or a prefix such as "
                    + "environment), from and to (reported at, ISO-8601). Sort: newest (default), oldest, or deadline (the nearest "
                    + "deadline first, events without one last). Cursor pagination: when more events match, the response "
                    + "has a header X-Next-Cursor (and a Link rel=next); pass it back as cursor= with the same filters and sort.")
    public Response list(@QueryParam("status") EventStatus status, @QueryParam("grid") String grid,
            @QueryParam("community") String community, @QueryParam("street") String street,
            @QueryParam("assignee") String assignee, @QueryParam("category") String category,
            @QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to,
            @QueryParam("sort") @jakarta.ws.rs.DefaultValue("newest") String sort,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit, @Context UriInfo uri) {
        if (!List.of("newest", "oldest", "deadline").contains(sort)) {
            throw ProblemException.invalid("sort", "must be newest, oldest or deadline");
        }
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        StringBuilder q = filters(status, grid, community, street, assignee, category, from, to, params);
        q.append(" and ").append(access.listFilter(params));
        if (cursor != null) {
            q.append(afterCursor(Cursor.decode(cursor, sort), sort, params));
        }
        int n = limit == null ? 50 : Math.max(1, Math.min(limit, 500));
        String order = switch (sort) {
            case "oldest" -> " order by reportedAt asc, id asc";
            case "deadline" -> " order by deadline asc nulls last, id asc";
            default -> " order by reportedAt desc, id desc";
        };
        List<EventRecord> rows = EventRecord.<EventRecord>find(q + order, params).page(0, n + 1).list();
        List<EventView> page = rows.stream().limit(n).map(e -> EventView.of(e, List.of())).toList();
        Response.ResponseBuilder r = Response.ok(page);
        if (rows.size() > n) {
            EventRecord last = rows.get(n - 1);
            String next = new Cursor(sort, "deadline".equals(sort) ? last.deadline : last.reportedAt, last.id).encode();
            r.header("X-Next-Cursor", next).link(uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build(), "next");
        }
        return r.build();
    }

    /** The list's filters as a query condition, their values put in {@code params}. */
    private static StringBuilder filters(EventStatus status, String grid, String community, String street, String assignee,
            String category, OffsetDateTime from, OffsetDateTime to, java.util.Map<String, Object> params) {
        StringBuilder q = new StringBuilder("1 = 1");
        if (status != null) {
            q.append(" and status = :status");
            params.put("status", status);
        }
        String[][] equal = { { "gridCode", "grid", grid }, { "communityCode", "community", community },
                { "streetCode", "street", street }, { "handlerUnit", "assignee", assignee } };
        for (String[] f : equal) {
            if (f[2] != null) {
                q.append(" and ").append(f[0]).append(" = :").append(f[1]);
                params.put(f[1], f[2]);
            }
        }
        if (category != null) {
            q.append(" and (category = :category or category like :categoryPrefix)");
            params.put("category", category);
            params.put("categoryPrefix", category.replace("%", "").replace("_", "\\_") + ".%");
        }
        if (from != null) {
            q.append(" and reportedAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            q.append(" and reportedAt < :to");
            params.put("to", to);
        }
        return q;
    }

    /** The condition for the events after the cursor in this sort, its values put in {@code params}. */
    private static String afterCursor(Cursor c, String sort, java.util.Map<String, Object> params) {
        params.put("cId", c.id());
        if (c.at() != null) {
            params.put("cAt", c.at());
        }
        return switch (sort) {
            case "oldest" -> " and (reportedAt > :cAt or (reportedAt = :cAt and id > :cId))";
            case "deadline" -> c.at() == null ? " and deadline is null and id > :cId"
                    : " and (deadline > :cAt or (deadline = :cAt and id > :cId) or deadline is null)";
            default -> " and (reportedAt < :cAt or (reportedAt = :cAt and id < :cId))";
        };
    }

    /** Where a page ended: the sort, the last event's sort key (report time or deadline, maybe none) and its id (ties). */
    record Cursor(String sort, OffsetDateTime at, UUID id) {
        String encode() {
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((sort + "|" + (at == null ? "" : at) + "|" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static Cursor decode(String s, String sort) {
            Cursor c;
            try {
                String[] p = new String(java.util.Base64.getUrlDecoder().decode(s), java.nio.charset.StandardCharsets.UTF_8).split("\\|", -1);
                c = new Cursor(p[0], p[1].isEmpty() ? null : OffsetDateTime.parse(p[1]), UUID.fromString(p[2]));
                org.gridgov.common.problem.SaneValues.check("cursor", c.at());
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "not a cursor from this API");
            }
            if (!c.sort().equals(sort) || (c.at() == null && !"deadline".equals(sort))) {
                throw ProblemException.invalid("cursor", "this cursor belongs to sort=" + c.sort() + "; pass the same sort");
            }
            return c;
        }
    }

    @POST
    @Path("/{id}/resolution")
    @RolesAllowed({ "grid_worker", "grid_leader", "dept_handler", "community_staff", "street_staff", "admin" })
    @Operation(summary = "The handler resolves the event (办结)",
            description = "Only inside the caller's jurisdiction (its place, or her department's task): having reported it is not enough (403); "
                    + "a department cooperating on the task (联动) does not resolve it (403). While parts of cooperating departments are "
                    + "not done, only with openPartsReason (409 naming the open parts otherwise), which goes on the timeline.")
    @Transactional
    public EventView resolve(@PathParam("id") UUID id, @Valid @NotNull Requests.Resolution body) {
        EventRecord e = access.lockedActionable(id);
        if (caller.hasRole("dept_handler") && !caller.hasRole("admin") && (e.handlerUnit == null || !access.jurisdiction().inDepartment(e.handlerUnit))
                && !access.jurisdiction().covers(EventAccess.place(e))) {
            throw ProblemException.forbidden("event " + id + " is handled by " + e.handlerUnit + ", not by your department");
        }
        return view(events.resolve(id, caller.getPrincipal().getName(), body.note(), body.evidence(), body.openPartsReason()));
    }

    @POST
    @Path("/{id}/verification")
    @RolesAllowed({ "grid_worker", "grid_leader", "admin" })
    @Operation(summary = "The grid worker verifies on site (核查): pass, or rework with a reason",
            description = "Only inside the caller's jurisdiction (403 otherwise). Whoever resolved the event does not verify it "
                    + "(409), unless gridgov.event.separate-resolve-and-verify is false.")
    @Transactional
    public EventView verify(@PathParam("id") UUID id, @Valid @NotNull Requests.Verification body) {
        if (!body.passed() && (body.note() == null || body.note().isBlank())) {
            throw ProblemException.invalid("note", "a rework needs a reason");
        }
        EventRecord e = access.lockedActionable(id);
        duties.checkVerifier(e, caller.getPrincipal().getName());
        return view(events.verify(id, caller.getPrincipal().getName(), body.passed(), body.note(), body.evidence()));
    }

    @POST
    @Path("/{id}/follow-up")
    @RolesAllowed({ "resident", "grid_worker", "operator", "admin" })
    @Operation(summary = "The reporter rates the result (回访); DISSATISFIED reopens, anything else closes",
            description = "The reporter of a duplicate merged into the event rates it too: her answer is kept on her own report "
                    + "and counted in the satisfaction rate, but only the event's own reporter or a follow-up operator of its place "
                    + "reopens or closes it.")
    @Transactional
    public EventView followUp(@PathParam("id") UUID id, @Valid @NotNull Requests.FollowUp body) {
        EventRecord e = access.lockedReadable(id);
        boolean operator = (caller.hasRole("operator") || caller.hasRole("admin")) && access.inRemit(e);
        String me = caller.getPrincipal().getName();
        if (ratings.onlyAsDuplicate(e, me, operator)) {
            return view(ratings.rate(id, me, body.satisfaction(), body.comment()));
        }
        EventRecord rated = events.followUp(id, me, operator, body.satisfaction(), body.comment());
        if (operator && !me.equals(rated.reporterId)) {
            calls.answered(id, me); // the follow-up queue's call that got the rating
        }
        return view(rated);
    }

    private EventView view(EventRecord e) {
        if (!access.readsInFull(e)) {
            return EventView.publicOf(e, reads.timeline(e.id)); // the reporter of a duplicate merged into it
        }
        boolean operator = caller.hasRole("operator") || caller.hasRole("admin");
        return EventView.of(e, reads.timeline(e.id), reads.evidence(e.id), reads.duplicatesOf(e.id),
                operator ? intake.callerMasked(e) : null);
    }

}
