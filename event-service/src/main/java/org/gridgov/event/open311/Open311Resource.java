package org.gridgov.event.open311;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.category.Category;
import org.gridgov.event.event.EventAccess;
import org.gridgov.event.event.ReportIntake;
import org.gridgov.event.event.EventRecord;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the category catalogue and the
 * event lifecycle. JSON only: every path takes the {@code .json} suffix or none; {@code .xml} is a
 * 406 problem. Reads are public and carry no personal data; a request is posted with a JWT (the
 * reporter is the token's user, the Open311 contact fields are dropped).
 */
@Path("/open311/v2")
@Tag(name = "Open311 GeoReport v2", description = "Services are the reportable categories, service requests are events (channel OPEN311). "
        + "JSON only (.json suffix or none).")
@Produces(MediaType.APPLICATION_JSON)
public class Open311Resource {
    private static final String FORMAT = "{format: (\\.[A-Za-z0-9]+)?}";

    @Inject
    Open311 open311;

    @Inject
    SecurityIdentity caller;

    @Inject
    EventAccess access;

    @GET
    @Path("/services" + FORMAT)
    @PermitAll
    @Operation(summary = "Services: the active reportable categories (small classes)",
            description = "service_code is the category key, service_name its Chinese name, description its English name, group the big class's "
                    + "Chinese name; metadata is always false (no extra attributes).")
    public List<Open311Views.Service> services(@PathParam("format") String format) {
        json(format);
        return open311.services();
    }

    @GET
    @Path("/services/{code}")
    @PermitAll
    @Operation(summary = "A service definition: {service_code, attributes: []}; 404 for an unknown or non-reportable code")
    public Open311Views.ServiceDefinition definition(@Parameter(description = "a category key, with or without .json") @PathParam("code") String code) {
        return open311.definition(strip(code));
    }

    @POST
    @Path("/requests" + FORMAT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ "resident", "grid_worker", "operator", "admin" })
    @Operation(summary = "Post a service request (form-encoded, as Open311 clients do)",
            description = "Needs a JWT; the reporter is the token's user. email, phone, first_name, last_name, device_id and account_id are "
                    + "accepted and not kept. media_url is not evidence (no size or checksum): it is appended to the description. The request "
                    + "waits for 立案 like any resident's report. 201 with [{service_request_id, service_notice, account_id}]; a retry with "
                    + "the same Idempotency-Key returns the first request with 200.")
    public Response submitForm(@PathParam("format") String format,
            @FormParam("service_code") String serviceCode, @FormParam("lat") String lat, @FormParam("long") String lon,
            @FormParam("address_string") String address, @FormParam("description") String description,
            @FormParam("media_url") String mediaUrl,
            @Parameter(description = "client-chosen key that makes retries safe") @HeaderParam("Idempotency-Key") String idempotencyKey) {
        json(format);
        return submit(new Open311.Submission(serviceCode, lat, lon, address, description, mediaUrl), idempotencyKey);
    }

    @POST
    @Path("/requests" + FORMAT)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "resident", "grid_worker", "operator", "admin" })
    @Operation(summary = "Post a service request as a JSON object with the Open311 field names")
    public Response submitJson(@PathParam("format") String format, Open311Views.JsonSubmission body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        json(format);
        Open311Views.JsonSubmission b = body == null ? new Open311Views.JsonSubmission(null, null, null, null, null, null) : body;
        return submit(new Open311.Submission(b.serviceCode(), b.lat(), b.lon(), b.addressString(), b.description(), b.mediaUrl()),
                idempotencyKey);
    }

    private Response submit(Open311.Submission s, String idempotencyKey) {
        ReportIntake.Reported r = open311.submit(s, caller.getPrincipal().getName(), idempotencyKey);
        EventRecord e = r.event();
        List<Open311Views.Created> body = List.of(new Open311Views.Created(e.id.toString(), Open311.notice(e), null));
        return (r.created() ? Response.created(URI.create("/open311/v2/requests/" + e.id + ".json")) : Response.ok()).entity(body).build();
    }

    @GET
    @Path("/requests" + FORMAT)
    @PermitAll
    @Operation(summary = "Service requests, newest first: at most 1000, within 90 days",
            description = "Filters: service_request_id (comma-separated; the other filters are then ignored), service_code (comma-separated), "
                    + "start_date and end_date (ISO-8601; at most 90 days apart, the last 90 days by default), status (open, closed). "
                    + "Public: no reporter, description or address, the point rounded to 3 decimals (about 100 m); the reporter and "
                    + "staff whose jurisdiction the request lies in, presenting their JWT, also get description, address_string and the exact point.")
    public List<Open311Views.ServiceRequest> requests(@PathParam("format") String format,
            @QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCode,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate, @QueryParam("status") String status) {
        json(format);
        List<EventRecord> found = open311.find(new Open311.Query(ids, serviceCode, startDate, endDate, status));
        Map<String, Category> categories = open311.byKey();
        return found.stream().map(e -> open311.view(e, categories, personal(e))).toList();
    }

    @GET
    @Path("/requests/{id}")
    @PermitAll
    @Operation(summary = "One service request (an array of one); 404 if unknown",
            description = "Personal fields (description, address_string, the exact point) only for the reporter and for staff whose "
                    + "jurisdiction it lies in; everyone else gets the public view.")
    public List<Open311Views.ServiceRequest> request(@PathParam("id") String id) {
        EventRecord e = open311.one(strip(id));
        return List.of(open311.view(e, open311.byKey(), personal(e)));
    }

    /**
     * The reporter sees the description, address and exact point; so do staff whose jurisdiction the request lies
     * in (as {@code GET /events/{id}} shows them the event). Everyone else, an operator of another county included,
     * gets the public view.
     */
    private boolean personal(EventRecord e) {
        if (caller.isAnonymous()) {
            return false;
        }
        return caller.getPrincipal().getName().equals(e.reporterId) || access.inRemit(e);
    }

    /** Only JSON is spoken. */
    private static void json(String format) {
        if (format == null || format.isEmpty() || format.equalsIgnoreCase(".json")) {
            return;
        }
        if (format.equalsIgnoreCase(".xml")) {
            throw notJson();
        }
        throw ProblemException.notFound("format " + format);
    }

    /** {@code environment.garbage.json} → {@code environment.garbage}. */
    private static String strip(String segment) {
        String lower = segment.toLowerCase();
        if (lower.endsWith(".json")) {
            return segment.substring(0, segment.length() - 5);
        }
        if (lower.endsWith(".xml")) {
            throw notJson();
        }
        return segment;
    }

    private static ProblemException notJson() {
        return new ProblemException(406, "JSON only", "this Open311 endpoint answers in JSON only: use the .json path", null);
    }
}
