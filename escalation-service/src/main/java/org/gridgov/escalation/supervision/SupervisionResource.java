package org.gridgov.escalation.supervision;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.escalation.task.Task;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/supervision")
@Tag(name = "Supervision", description = "督办: notices to the handlers of open items; open, warning and overdue counts by unit and tier")
public class SupervisionResource {

    @Inject
    EntityManager em;

    @Inject
    SecurityIdentity caller;

    @Inject
    Supervision supervision;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    public record Notice(@NotBlank @Size(max = 2000) String note) {
    }

    public record UnitCount(String handlerUnit, String tier, long open, long warning, long overdue) {
    }

    @POST
    @Path("/tasks/{taskId}/notices")
    @RolesAllowed({ "supervisor", "admin" })
    @Transactional
    @Operation(summary = "Issue a supervision notice (督办) for an open task, before or after its deadline",
            description = "Announced as org.gridgov.escalation.task-supervised.v1: on the event's timeline, to the handler unit")
    public Response issue(@PathParam("taskId") UUID taskId, @Valid @NotNull Notice body) {
        Task t = org.gridgov.escalation.task.TaskScope.supervised(jurisdiction.get(), Task.findById(taskId), taskId);
        return Response.status(201).entity(supervision.issue(t, body.note(), caller.getPrincipal().getName())).build();
    }

    @GET
    @Path("/tasks/{taskId}/notices")
    @RolesAllowed({ "supervisor", "admin", "street_staff", "community_staff", "grid_leader", "grid_worker", "dept_handler" })
    public List<Supervision.NoticeView> notices(@PathParam("taskId") UUID taskId) {
        org.gridgov.escalation.task.TaskScope.visible(jurisdiction.get(), Task.findById(taskId), taskId);
        return supervision.notices(taskId);
    }

    @GET
    @Path("/summary")
    @RolesAllowed({ "supervisor", "admin", "street_staff", "community_staff" })
    @Operation(summary = "Open tasks by handler unit and tier: open (all), warning (past the warning share, not yet due), overdue",
            description = "Counts only the tasks the caller sees (her area, her department)")
    public List<UnitCount> summary(@QueryParam("tier") String tier, @QueryParam("unit") String unitPrefix) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        String scope = org.gridgov.escalation.task.TaskScope.sql(jurisdiction.get(), params);
        jakarta.persistence.Query q = em.createNativeQuery("select handler_unit, tier, count(*), "
                + "count(*) filter (where warned_at is not null and overdue_at is null), count(*) filter (where overdue_at is not null) "
                + "from task where status = 'OPEN' and (cast(:tier as text) is null or tier = cast(:tier as text)) "
                + "and (cast(:unit as text) is null or handler_unit like cast(:unit as text) || '%') and " + scope + " "
                + "group by handler_unit, tier order by 5 desc, 4 desc, 1")
                .setParameter("tier", tier).setParameter("unit", unitPrefix);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new UnitCount((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList();
    }

}
