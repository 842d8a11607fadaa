package org.gridgov.event.open311;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Open311 GeoReport v2 documents, with the spec's field names. The XML form has the same
 * elements ({@link Open311Format}).
 */
public final class Open311Views {
    private Open311Views() {
    }

    /** One entry of {@code GET /services}: a reportable small class of the category catalogue. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Service(
            @JsonProperty("service_code") String serviceCode,
            @JsonProperty("service_name") String serviceName,
            @JsonProperty("description") String description,
            @JsonProperty("metadata") boolean metadata,
            @JsonProperty("type") String type,
            @JsonProperty("keywords") String keywords,
            @JsonProperty("group") String group) {
    }

    /** {@code GET /services/{service_code}}: the extra attributes a request of this service carries. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServiceDefinition(
            @JsonProperty("service_code") String serviceCode,
            @JsonProperty("attributes") List<Attribute> attributes) {
    }

    /** One extra attribute: sent on POST as {@code attribute[code]=value} ({@code attribute[code][]=} for a multivaluelist). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Attribute(
            @JsonProperty("variable") boolean variable,
            @JsonProperty("code") String code,
            @JsonProperty("datatype") String datatype,
            @JsonProperty("required") boolean required,
            @JsonProperty("datatype_description") String datatypeDescription,
            @JsonProperty("order") int order,
            @JsonProperty("description") String description,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("values") List<AttributeValue> values) {
    }

    public record AttributeValue(@JsonProperty("key") String key, @JsonProperty("name") String name) {
    }

    /** The answer to {@code POST /requests} (an array of one). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Created(
            @JsonProperty("service_request_id") String serviceRequestId,
            @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("account_id") String accountId) {
    }

    /**
     * A service request as {@code GET /requests} shows it. {@code description} and {@code address}
     * appear only for the reporter and staff in whose remit it lies ({@link PrivacyRule}); everyone
     * else gets no personal data and a point rounded to about 100 m.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServiceRequest(
            @JsonProperty("service_request_id") String serviceRequestId,
            @JsonProperty("status") String status,
            @JsonProperty("status_notes") String statusNotes,
            @JsonProperty("service_name") String serviceName,
            @JsonProperty("service_code") String serviceCode,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("description") String description,
            @JsonProperty("agency_responsible") String agencyResponsible,
            @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("requested_datetime") OffsetDateTime requestedDatetime,
            @JsonProperty("updated_datetime") OffsetDateTime updatedDatetime,
            @JsonProperty("expected_datetime") OffsetDateTime expectedDatetime,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("address") String address,
            @JsonProperty("lat") Double lat,
            @JsonProperty("long") Double lon) {
    }

    /** {@code GET /discovery}: where the endpoint is and what it speaks. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Discovery(
            @JsonProperty("changeset") String changeset,
            @JsonProperty("contact") String contact,
            @JsonProperty("key_service") String keyService,
            @JsonProperty("endpoints") List<Endpoint> endpoints) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Endpoint(
            @JsonProperty("specification") String specification,
            @JsonProperty("url") String url,
            @JsonProperty("changeset") String changeset,
            @JsonProperty("type") String type,
            @JsonProperty("formats") List<String> formats) {
    }

    /** One error of the spec's error format: the HTTP status and what was wrong, naming the field. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Error(@JsonProperty("code") int code, @JsonProperty("description") String description) {
    }

    /**
     * {@code POST /requests} sent as JSON instead of a form. Numbers may come as JSON numbers or
     * strings; attributes as {@code "attribute": {"code": value}} or as {@code "attribute[code]"} keys.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JsonSubmission(
            @JsonProperty("service_code") String serviceCode,
            @JsonProperty("lat") String lat,
            @JsonProperty("long") String lon,
            @JsonProperty("address_string") String addressString,
            @JsonProperty("description") String description,
            @JsonProperty("media_url") String mediaUrl,
            @JsonProperty("api_key") String apiKey,
            @JsonProperty("jurisdiction_id") String jurisdictionId,
            @JsonProperty("email") String email,
            @JsonProperty("phone") String phone,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("attribute") JsonNode attribute) {
    }
}
