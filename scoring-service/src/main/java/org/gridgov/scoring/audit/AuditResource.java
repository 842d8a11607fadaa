package org.gridgov.scoring.audit;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/audits/{period}")
@Tag(name = "Monthly audit")
@RolesAllowed({ "scorer", "supervisor", "admin" })
public class AuditResource {

    @Inject
    Audits audits;

    @Inject
    SecurityIdentity caller;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @GET
    @Operation(summary = "A month's audit: pending, approved and rejected entries and points, and whether it is locked")
    public Audits.MonthStatus status(@PathParam("period") String period) {
        return audits.status(period);
    }

    @POST
    @Path("/decisions")
    @Operation(summary = "Approve or reject pending entries of the month, one by one (entryIds) or in bulk (all, optionally "
            + "for one subject); a rejection needs a reason; all or nothing. Only entries of subjects inside the caller's "
            + "jurisdiction: all: true decides those; an entry id outside it is refused as unknown. Nobody audits her own "
            + "points (USER:<her id>) or an entry she recorded: such an entry id is a 403, all: true leaves them pending")
    public Audits.DecisionResult decide(@PathParam("period") String period, Audits.DecisionRequest body) {
        return audits.decide(period, body, caller.getPrincipal().getName(), jurisdiction.get());
    }

    @POST
    @Path("/lock")
    @RolesAllowed({ "supervisor", "admin" })
    @Operation(summary = "Lock an ended month whose entries are all decided; nothing in it changes afterwards",
            description = "County-wide: admins, or callers with a district claim when every subject with points in the month "
                    + "lies in their county (403 otherwise)")
    public Audits.MonthStatus lock(@PathParam("period") String period) {
        org.gridgov.scoring.access.SubjectScope.checkCountyWide(jurisdiction.get(), "locking a month");
        return audits.lock(period, caller.getPrincipal().getName(), jurisdiction.get());
    }
}
