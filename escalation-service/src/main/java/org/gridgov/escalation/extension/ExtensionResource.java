package org.gridgov.escalation.extension;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

@Path("/extensions")
@Tag(name = "Tasks")
public class ExtensionResource {

    @Inject
    ExtensionQueue queue;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @GET
    @RolesAllowed({ "supervisor", "street_staff", "admin" })
    @Operation(summary = "Extension requests (延期) to decide: PENDING by default, oldest first",
            description = "Only requests of tasks whose place lies inside the caller's jurisdiction (those she may decide); "
                    + "decide one with POST /tasks/{id}/extension-requests/{requestId}/decision")
    public List<ExtensionQueue.ExtensionView> list(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        String s = status == null ? "PENDING" : status;
        if (!ExtensionQueue.STATUSES.contains(s)) {
            throw ProblemException.invalid("status", "one of " + ExtensionQueue.STATUSES);
        }
        if (limit != null && (limit < 1 || limit > 1000)) {
            throw ProblemException.invalid("limit", "1 to 1000");
        }
        return queue.list(jurisdiction.get(), s, limit == null ? 200 : limit);
    }
}
