package org.gridgov.scoring.audit;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.scoring.access.Counties;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

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
    @Operation(summary = "A month's audit in a county: pending, approved and rejected entries and points, and whether it is locked",
            description = "county: 6 digits, one the caller reaches (403); without it the caller's counties, every county for the "
                    + "system administrator")
    public Audits.MonthStatus status(@PathParam("period") String period, @QueryParam("county") String county) {
        return audits.status(period, Counties.of(jurisdiction.get(), county));
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
    @Operation(summary = "Lock an ended month of a county whose entries are all decided; nothing of the county in it changes afterwards",
            description = "county: the county to lock; without it the caller's counties, and for the system administrator every "
                    + "county at once. A county office (district claim) or a county's administrator locks her own county (403 "
                    + "for another); another county's lock does not stop her entries")
    public Audits.MonthStatus lock(@PathParam("period") String period, @QueryParam("county") String county) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        org.gridgov.scoring.access.SubjectScope.checkCountyWide(j, "locking a month");
        return audits.lock(period, Counties.of(j, county), caller.getPrincipal().getName(), j);
    }
}
