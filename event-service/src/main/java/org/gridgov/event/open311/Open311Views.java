package org.gridgov.event.open311;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The Open311 GeoReport v2 documents, with the spec's field names. */
public final class Open311Views {
    private Open311Views() {
    }

    /** One entry of {@code GET /services.json}: a reportable small class of the category catalogue. */
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

    /** {@code GET /services/{service_code}.json}: no service asks for extra attributes. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServiceDefinition(
            @JsonProperty("service_code") String serviceCode,
            @JsonProperty("attributes") List<Object> attributes) {
    }

    /** The answer to {@code POST /requests.json} (an array of one). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Created(
            @JsonProperty("service_request_id") String serviceRequestId,
            @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("account_id") String accountId) {
    }

    /**
     * A service request as {@code GET /requests.json} shows it. {@code description} and
     * {@code address_string} appear only for the reporter and operators; everyone else gets no
     * personal data and a point rounded to about 100 m.
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
            @JsonProperty("requested_datetime") OffsetDateTime requestedDatetime,
            @JsonProperty("updated_datetime") OffsetDateTime updatedDatetime,
            @JsonProperty("expected_datetime") OffsetDateTime expectedDatetime,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("address_string") String addressString,
            @JsonProperty("lat") Double lat,
            @JsonProperty("long") Double lon) {
    }

    /**
     * {@code POST /requests.json} sent as JSON instead of a form. Numbers may come as JSON numbers
     * or strings. The contact fields are accepted and dropped: the reporter is the token's user.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JsonSubmission(
            @JsonProperty("service_code") String serviceCode,
            @JsonProperty("lat") String lat,
            @JsonProperty("long") String lon,
            @JsonProperty("address_string") String addressString,
            @JsonProperty("description") String description,
            @JsonProperty("media_url") String mediaUrl) {
    }
}
