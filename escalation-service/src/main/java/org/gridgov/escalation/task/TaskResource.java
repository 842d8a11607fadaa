package org.gridgov.escalation.task;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/tasks")
@Tag(name = "Tasks")
@RolesAllowed({ "grid_worker", "grid_leader", "community_staff", "street_staff", "dept_handler", "supervisor", "admin" })
public class TaskResource {

    public record TaskView(UUID id, UUID eventId, String category, String gridCode, String handlerUnit, List<String> cooperating,
            String tier, String rule, Integer ruleVersion, String ruleCounty, String reason, Task.Status status, OffsetDateTime dispatchedAt,
            OffsetDateTime warnAt, OffsetDateTime deadline, OffsetDateTime warnedAt, OffsetDateTime overdueAt,
            OffsetDateTime resolvedAt, OffsetDateTime closedAt, UUID escalatedFrom, OffsetDateTime acceptedAt, String kind,
            boolean calendarMissing, List<org.gridgov.escalation.cooperation.Cooperation.Part> parts) {
        /** the task, with the parts of its cooperating departments (联动) */
        static TaskView of(Task t) {
            return new TaskView(t.id, t.eventId, t.category, t.gridCode, t.handlerUnit, t.cooperating, t.tier, t.rule, t.ruleVersion,
                    t.ruleCounty, t.reason, t.status, t.dispatchedAt, t.warnAt, t.deadline, t.warnedAt, t.overdueAt, t.resolvedAt, t.closedAt,
                    t.escalatedFrom, t.acceptedAt, t.kind, t.calendarMissing, org.gridgov.escalation.cooperation.Cooperation.partsOf(t));
        }
    }

    @jakarta.inject.Inject
    DispatchService dispatch;

    @jakarta.inject.Inject
    io.quarkus.security.identity.SecurityIdentity caller;

    @jakarta.inject.Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    public record EscalationRequest(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 2000) String reason) {
    }

    @jakarta.ws.rs.POST
    @Path("/{id}/escalation")
    @RolesAllowed({ "grid_worker", "grid_leader", "community_staff", "street_staff", "dept_handler", "supervisor", "admin" })
    @jakarta.transaction.Transactional
    @Operation(summary = "上报: the handler cannot solve it at this tier; the next tier gets it with a fresh deadline")
    public TaskView escalate(@PathParam("id") UUID id, @jakarta.validation.Valid @jakarta.validation.constraints.NotNull EscalationRequest body) {
        Task t = Task.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        TaskScope.visible(j, t, id);
        if (!TaskScope.handles(j, t) && !(caller.hasRole("supervisor") && j.covers(TaskScope.place(t)))) {
            throw org.gridgov.common.problem.ProblemException.forbidden("task " + id + " is handled by " + t.handlerUnit + ", not by you");
        }
        return TaskView.of(dispatch.escalate(t, "上报 by " + caller.getPrincipal().getName() + ": " + body.reason()));
    }

    @jakarta.inject.Inject
    TaskActions actions;

    public record Note(@jakarta.validation.constraints.Size(max = 2000) String note,
            java.util.List<@jakarta.validation.constraints.Size(max = 500) String> evidence,
            @jakarta.validation.constraints.Size(max = 9) java.util.List<@jakarta.validation.Valid @jakarta.validation.constraints.NotNull EvidenceFile> evidenceFiles) {
        public java.util.List<org.gridgov.common.contract.payload.EvidenceV1> files() {
            return evidenceFiles == null ? java.util.List.of()
                    : evidenceFiles.stream().map(f -> new org.gridgov.common.contract.payload.EvidenceV1(f.url(), f.contentType(), f.size(), f.sha256()))
                            .toList();
        }
    }

    /** A photo or file backing the progress: where it is (e.g. from event-service's POST /evidence), its type, size and SHA-256. */
    public record EvidenceFile(
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 1000) @jakarta.validation.constraints.Pattern(regexp = "(https?://|/evidence/)\\S+", message = "must be an http(s) URL or /evidence/<id>") String url,
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 100) String contentType,
            @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Positive Long size,
            @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hexadecimal digits") String sha256) {
    }

    public record Return(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 2000) String reason) {
    }

    public record Assignment(@jakarta.validation.constraints.NotBlank String handlerUnit) {
    }

    public record ExtensionRequest(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Min(1)
            @jakarta.validation.constraints.Max(30) Integer workingDays,
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 2000) String reason) {
    }

    public record Decision(@jakarta.validation.constraints.NotNull Boolean approved,
            @jakarta.validation.constraints.Size(max = 2000) String note) {
    }

    Task lock(UUID id) {
        Task t = Task.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (t == null) {
            throw org.gridgov.common.problem.ProblemException.notFound("task " + id);
        }
        return t;
    }

    /** the task, locked; 404 unless the caller sees it, 403 unless she handles it */
    Task handled(UUID id) {
        return TaskScope.handled(jurisdiction.get(), lock(id), id);
    }

    /** the task, locked; 404 unless the caller sees it, 403 unless its place is in her jurisdiction */
    Task supervised(UUID id) {
        return TaskScope.supervised(jurisdiction.get(), lock(id), id);
    }

    @jakarta.ws.rs.POST
    @Path("/{id}/acceptance")
    @RolesAllowed({ "grid_worker", "grid_leader", "community_staff", "street_staff", "dept_handler", "admin" })
    @jakarta.transaction.Transactional
    @Operation(summary = "The handler accepts the task")
    public TaskView accept(@PathParam("id") UUID id, @jakarta.validation.Valid Note body) {
        return TaskView.of(actions.accept(handled(id), caller.getPrincipal().getName(), body == null ? null : body.note()));
    }

    @jakarta.ws.rs.POST
    @Path("/{id}/progress")
    @RolesAllowed({ "grid_worker", "grid_leader", "community_staff", "street_staff", "dept_handler", "admin" })
    @jakarta.transaction.Transactional
    @Operation(summary = "The handler adds progress, with evidence: URLs, or files with type, size and SHA-256 (evidenceFiles), "
            + "which event-service keeps as the step's evidence")
    public TaskView progress(@PathParam("id") UUID id, @jakarta.validation.Valid @jakarta.validation.constraints.NotNull Note body) {
        return TaskView.of(actions.progress(handled(id), caller.getPrincipal().getName(), body.note(), body.evidence(), body.files()));
    }

    @jakarta.ws.rs.POST
    @Path("/{id}/return")
    @RolesAllowed({ "grid_worker", "grid_leader", "community_staff", "street_staff", "dept_handler", "admin" })
    @jakarta.transaction.Transactional
    @Operation(summary = "退回: the unit returns a wrongly routed task; it is routed again without that unit, or queued for a dispatcher")
    public TaskView giveBack(@PathParam("id") UUID id, @jakarta.validation.Valid @jakarta.validation.constraints.NotNull Return body) {
        return TaskView.of(actions.giveBack(handled(id), caller.getPrincipal().getName(), body.reason()));
    }

    @jakarta.ws.rs.POST
    @Path("/{id}/assignment")
    @RolesAllowed({ "street_staff", "supervisor", "admin" })
    @jakarta.transaction.Transactional
    @Operation(summary = "A dispatcher gives a queued task (returned too often) to a unit")
    public TaskView assign(@PathParam("id") UUID id, @jakarta.validation.Valid @jakarta.validation.constraints.NotNull Assignment body) {
        Task t = supervised(id);
        String code = TaskScope.unitCode(body.handlerUnit());
        if (code != null) {
            jurisdiction.get().checkWrite(code, "unit " + body.handlerUnit());
        }
        return TaskView.of(actions.assign(t, body.handlerUnit(), caller.getPrincipal().getName()));
    }

    @jakarta.ws.rs.POST
    @Path("/{id}/extension-requests")
    @RolesAllowed({ "grid_worker", "grid_leader", "community_staff", "street_staff", "dept_handler", "admin" })
    @jakarta.transaction.Transactional
    @Operation(summary = "延期: ask for more working days; a supervisor decides")
    public TaskActions.Extension requestExtension(@PathParam("id") UUID id,
            @jakarta.validation.Valid @jakarta.validation.constraints.NotNull ExtensionRequest body) {
        return actions.requestExtension(handled(id), body.workingDays(), body.reason(), caller.getPrincipal().getName());
    }

    @jakarta.ws.rs.POST
    @Path("/{id}/extension-requests/{requestId}/decision")
    @RolesAllowed({ "supervisor", "admin" })
    @jakarta.transaction.Transactional
    @Operation(summary = "Approve (the deadline moves by the working days asked) or refuse an extension request")
    public TaskActions.Extension decide(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId,
            @jakarta.validation.Valid @jakarta.validation.constraints.NotNull Decision body) {
        return actions.decide(supervised(id), requestId, body.approved(), body.note(), caller.getPrincipal().getName());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One task")
    public TaskView get(@PathParam("id") UUID id) {
        return TaskView.of(TaskScope.visible(jurisdiction.get(), Task.findById(id), id));
    }

    @GET
    @Operation(summary = "Tasks, filtered by handler unit and status, oldest deadline first",
            description = "Only the tasks the caller sees: in her area, or of her department (handled or cooperating)")
    public List<TaskView> list(@QueryParam("handlerUnit") String unit, @QueryParam("status") Task.Status status,
            @QueryParam("limit") Integer limit) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder q = new StringBuilder("select * from task where ").append(TaskScope.sql(jurisdiction.get(), p));
        if (unit != null) {
            q.append(" and handler_unit = :unit");
            p.put("unit", unit);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.put("status", status.name());
        }
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        q.append(" order by deadline, id limit ").append(n);
        jakarta.persistence.Query query = em.createNativeQuery(q.toString(), Task.class);
        p.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Task> rows = query.getResultList();
        return rows.stream().map(TaskView::of).toList();
    }

    @GET
    @Path("/by-event/{eventId}")
    @Operation(summary = "Every dispatch of one event, first first")
    public List<TaskView> forEvent(@PathParam("eventId") UUID eventId) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        return Task.<Task>list("eventId", Sort.by("dispatchedAt"), eventId).stream().filter(t -> TaskScope.sees(j, t))
                .map(TaskView::of).toList();
    }
}
