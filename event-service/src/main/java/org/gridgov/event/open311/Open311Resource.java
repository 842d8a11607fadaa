package org.gridgov.event.open311;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.lifecycle.ReportIntake;
import org.gridgov.event.lifecycle.EventRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the category catalogue and the
 * event lifecycle, in XML and JSON ({@link Open311Format}). Reads are public and carry no personal
 * data ({@link PrivacyRule}); a request is posted by a registered application with its
 * {@code api_key}, or with a JWT. Errors are the spec's error list, never problem+json.
 */
@Path("/open311/v2")
@Tag(name = "Open311 GeoReport v2", description = "Services are the reportable categories, service requests are events (channel OPEN311). "
        + "XML or JSON: a .xml or .json suffix, else the Accept header, else JSON.")
@Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_XML, MediaType.APPLICATION_XML })
@PermitAll
public class Open311Resource {
    private static final String FORMAT = "{format: (\\.[A-Za-z0-9]+)?}";
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]{1,100})\\](\\[\\])?");

    @Inject
    Open311 open311;

    @Inject
    Open311Format formats;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("/discovery" + FORMAT)
    @Operation(summary = "Discovery: where this endpoint is, the specification it speaks, its formats, where to get an api_key")
    public Response discovery(@PathParam("format") String format, @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        String url = uri.getBaseUriBuilder().path("open311/v2").build().toString();
        return formats.answer(format, accept, Open311Format.Root.DISCOVERY, () -> Response.ok(open311.discovery(url)));
    }

    @GET
    @Path("/services" + FORMAT)
    @Operation(summary = "Services: the active reportable categories (small classes): the shared ones, and with jurisdiction_id = a "
            + "county code (6 digits) that county's own as well",
            description = "service_code is the category key, service_name its Chinese name, description its English name, group the big class's "
                    + "Chinese name; metadata is true where GET /services/{service_code} defines extra attributes.")
    public Response services(@PathParam("format") String format, @HeaderParam("Accept") String accept,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        return formats.answer(format, accept, Open311Format.Root.SERVICES, () -> {
            return Response.ok(open311.services(open311.jurisdiction(jurisdiction)));
        });
    }

    @GET
    @Path("/services/{code}")
    @Operation(summary = "A service definition {service_code, attributes}; 404 for an unknown or non-reportable code")
    public Response definition(@Parameter(description = "a category key, with or without .json or .xml") @PathParam("code") String code,
            @HeaderParam("Accept") String accept, @QueryParam("jurisdiction_id") String jurisdiction) {
        String[] c = Open311Format.split(code);
        return formats.answer(c[1], accept, Open311Format.Root.DEFINITION, () -> {
            return Response.ok(open311.definition(c[0], open311.jurisdiction(jurisdiction)));
        });
    }

    @POST
    @Path("/requests" + FORMAT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Post a service request (form-encoded, as Open311 clients do)",
            description = "With api_key (a registered application): the resident's email, phone, first_name and last_name are kept encrypted. "
                    + "Else with a JWT (resident, grid_worker, operator, admin): the reporter is the token's user, the contact fields are not kept. "
                    + "attribute[code]=value for the service's attributes. media_url is appended to the description. The request waits for 立案. "
                    + "201 with [{service_request_id, service_notice, account_id}]; a retry with the same Idempotency-Key returns the first with 200.")
    public Response submitForm(@PathParam("format") String format, MultivaluedMap<String, String> form, @QueryParam("api_key") String queryKey,
            @Parameter(description = "client-chosen key that makes retries safe") @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Accept") String accept) {
        return formats.answer(format, accept, Open311Format.Root.REQUESTS, () -> {
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            form.forEach((k, v) -> {
                Matcher m = ATTRIBUTE.matcher(k);
                if (m.matches()) {
                    attributes.computeIfAbsent(m.group(1), x -> new java.util.ArrayList<>()).addAll(v);
                }
            });
            open311.jurisdiction(form.getFirst("jurisdiction_id"));
            Open311.Submission s = new Open311.Submission(form.getFirst("service_code"), form.getFirst("lat"), form.getFirst("long"),
                    form.getFirst("address_string"), form.getFirst("description"), form.getFirst("media_url"), form.getFirst("email"),
                    form.getFirst("phone"), form.getFirst("first_name"), form.getFirst("last_name"), attributes);
            String key = form.getFirst("api_key") != null ? form.getFirst("api_key") : queryKey;
            return submit(s, key, idempotencyKey);
        });
    }

    @POST
    @Path("/requests" + FORMAT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a service request as a JSON object with the Open311 field names (attributes as \"attribute\": {code: value})")
    public Response submitJson(@PathParam("format") String format, String body, @QueryParam("api_key") String queryKey,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @HeaderParam("Accept") String accept) {
        return formats.answer(format, accept, Open311Format.Root.REQUESTS, () -> {
            Open311Views.JsonSubmission b;
            JsonNode tree;
            try {
                tree = mapper.readTree(body == null || body.isBlank() ? "{}" : body);
                b = mapper.treeToValue(tree, Open311Views.JsonSubmission.class);
            } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
                String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
                throw field == null ? new ProblemException(400, "Not JSON", "the body is not a JSON object with the Open311 field names", null)
                        : ProblemException.invalid(field, e.getOriginalMessage());
            } catch (JsonProcessingException e) {
                throw new ProblemException(400, "Not JSON", "the body is not a JSON object with the Open311 field names", null);
            }
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            if (b.attribute() != null && b.attribute().isObject()) {
                b.attribute().fields().forEachRemaining(f -> attributes.put(f.getKey(), values(f.getValue())));
            }
            tree.fields().forEachRemaining(f -> {
                Matcher m = ATTRIBUTE.matcher(f.getKey());
                if (m.matches()) {
                    attributes.put(m.group(1), values(f.getValue()));
                }
            });
            open311.jurisdiction(b.jurisdictionId());
            Open311.Submission s = new Open311.Submission(b.serviceCode(), b.lat(), b.lon(), b.addressString(), b.description(), b.mediaUrl(),
                    b.email(), b.phone(), b.firstName(), b.lastName(), attributes);
            return submit(s, b.apiKey() != null ? b.apiKey() : queryKey, idempotencyKey);
        });
    }

    private static List<String> values(JsonNode v) {
        if (v.isArray()) {
            List<String> out = new java.util.ArrayList<>();
            v.forEach(x -> out.add(x.asText()));
            return out;
        }
        return v.isNull() ? List.of() : List.of(v.asText());
    }

    private Response.ResponseBuilder submit(Open311.Submission s, String apiKey, String idempotencyKey) {
        ReportIntake.Reported r = open311.submit(s, apiKey, idempotencyKey);
        EventRecord e = r.event();
        List<Open311Views.Created> body = List.of(new Open311Views.Created(e.id.toString(), Open311.notice(e), null));
        return (r.created() ? Response.created(URI.create("/open311/v2/requests/" + e.id)) : Response.ok()).entity(body);
    }

    @GET
    @Path("/requests" + FORMAT)
    @Operation(summary = "Service requests, newest first: at most 1000, within 90 days",
            description = "Filters: service_request_id (comma-separated; the other filters are then ignored), service_code (comma-separated), "
                    + "start_date and end_date (ISO-8601; at most 90 days apart, the last 90 days by default), status (open, closed). "
                    + "Public: no reporter, description or address, the point rounded to 3 decimals (about 100 m); the reporter and "
                    + "staff whose jurisdiction the request lies in, presenting their JWT, also get description, address and the exact point.")
    public Response requests(@PathParam("format") String format, @HeaderParam("Accept") String accept,
            @QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCode,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate, @QueryParam("status") String status,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        return formats.answer(format, accept, Open311Format.Root.REQUESTS, () -> {
            open311.jurisdiction(jurisdiction);
            return Response.ok(open311.requests(new RequestQuery.Filters(ids, serviceCode, startDate, endDate, status)));
        });
    }

    @GET
    @Path("/requests/{id}")
    @Operation(summary = "One service request (a list of one); 404 if unknown",
            description = "Personal fields (description, address, the exact point) only for the reporter and for staff whose "
                    + "jurisdiction it lies in; everyone else gets the public view.")
    public Response request(@PathParam("id") String id, @HeaderParam("Accept") String accept, @QueryParam("jurisdiction_id") String jurisdiction) {
        String[] i = Open311Format.split(id);
        return formats.answer(i[1], accept, Open311Format.Root.REQUESTS, () -> {
            open311.jurisdiction(jurisdiction);
            return Response.ok(List.of(open311.request(i[0])));
        });
    }
}
