package org.gridgov.escalation.cooperation;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.CurrentJurisdiction;
import org.gridgov.common.security.Jurisdiction;
import org.gridgov.escalation.task.Task;
import org.gridgov.escalation.task.TaskResource;
import org.gridgov.escalation.task.TaskScope;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * 联动 over REST: a cooperating department reads the parts of a task and acts on its own part. A task the caller
 * does not see answers 404 (another department: it neither leads nor cooperates on it); a part that is not the
 * caller's department's, 403; a department without a part in the task, 404.
 */
@Path("/tasks/{id}/parts")
@Tag(name = "Tasks")
public class CooperationResource {
    static final String CODE = "[a-z0-9-]{1,40}";

    @Inject
    Cooperation cooperation;

    @Inject
    CurrentJurisdiction jurisdiction;

    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({ "grid_worker", "grid_leader", "community_staff", "street_staff", "dept_handler", "supervisor", "admin" })
    @Operation(summary = "联动: the parts of the departments cooperating on a task, and where each stands (OPEN, ACCEPTED, DONE)")
    public List<Cooperation.Part> parts(@PathParam("id") UUID id) {
        return Cooperation.partsOf(TaskScope.visible(jurisdiction.get(), Task.findById(id), id));
    }

    @POST
    @Path("/{department}/acceptance")
    @RolesAllowed({ "dept_handler", "admin" })
    @Transactional
    @Operation(summary = "联动: the cooperating department accepts its part")
    public Cooperation.Part accept(@PathParam("id") UUID id, @PathParam("department") @Pattern(regexp = CODE) String department,
            @Valid TaskResource.Note body) {
        return cooperation.accept(own(id, department), department, me(), body == null ? null : body.note());
    }

    @POST
    @Path("/{department}/progress")
    @RolesAllowed({ "dept_handler", "admin" })
    @Transactional
    @Operation(summary = "联动: the cooperating department reports progress on its part, with evidence (e.g. event-service's "
            + "/evidence/<id> as evidenceFiles)")
    public Cooperation.Part progress(@PathParam("id") UUID id, @PathParam("department") @Pattern(regexp = CODE) String department,
            @Valid @NotNull TaskResource.Note body) {
        return cooperation.progress(own(id, department), department, me(), body.note(), body.evidence(), body.files());
    }

    @POST
    @Path("/{department}/completion")
    @RolesAllowed({ "dept_handler", "admin" })
    @Transactional
    @Operation(summary = "联动: the cooperating department reports its part done, with evidence")
    public Cooperation.Part complete(@PathParam("id") UUID id, @PathParam("department") @Pattern(regexp = CODE) String department,
            @Valid @NotNull TaskResource.Note body) {
        return cooperation.done(own(id, department), department, me(), body.note(), body.evidence(), body.files());
    }

    /** the task, locked: 404 unless the caller sees it, 403 unless she is of the department, 404 when it has no part */
    private Task own(UUID id, String department) {
        Jurisdiction j = jurisdiction.get();
        Task t = TaskScope.visible(j, Task.findById(id, LockModeType.PESSIMISTIC_WRITE), id);
        if (!j.inDepartment(department)) {
            throw ProblemException.forbidden("you do not act for department " + department);
        }
        if (!Cooperation.cooperates(t, department)) {
            throw ProblemException.notFound("DEPT:" + department + " has no part in task " + id);
        }
        return t;
    }

    private String me() {
        return caller.getPrincipal().getName();
    }
}
