package org.gridgov.event.open311.contact;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.lifecycle.EventAccess;
import org.gridgov.event.lifecycle.EventRecord;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The contact a resident left through an Open311 application: masked for staff in whose remit the event lies, in clear only logged. */
@Path("/events/{id}/open311-contact")
@Tag(name = "Events", description = "Open311 residents' contact (PIPL)")
public class ResidentContactResource {
    @Inject
    ResidentContact contacts;

    @Inject
    EventAccess access;

    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({ "operator", "community_staff", "street_staff", "admin" })
    @Operation(summary = "The resident's contact an Open311 application sent (email, phone, first and last name), masked; 404 if none",
            description = "Only for staff whose remit the event lies in (404 otherwise, as for the event).")
    public ResidentContact.ContactView masked(@PathParam("id") UUID id) {
        EventRecord e = inRemit(id);
        ResidentContact.ContactView v = contacts.masked(e);
        if (v == null) {
            throw ProblemException.notFound("Open311 contact of event " + id);
        }
        return v;
    }

    @GET
    @Path("/clear")
    @RolesAllowed({ "operator", "admin" })
    @Operation(summary = "The resident's contact in clear, for the follow-up (回访); every read is logged (PIPL, GET /audit/pii)")
    public ResidentContact.ContactView inClear(@PathParam("id") UUID id) {
        inRemit(id);
        return contacts.inClear(id, caller.getPrincipal().getName());
    }

    private EventRecord inRemit(UUID id) {
        EventRecord e = access.readable(id);
        if (!access.inRemit(e)) {
            throw ProblemException.notFound("event " + id);
        }
        return e;
    }
}
