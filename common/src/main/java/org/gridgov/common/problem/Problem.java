package org.gridgov.common.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details. {@code errors} names each offending field (a JSON path such as
 * {@code location.latitude}) and, for imports, the row.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String reason, Integer row) {
        public FieldError(String field, String reason) {
            this(field, reason, null);
        }
    }

    public static URI typeFor(int status) {
        return URI.create("https://gridgov.org/problems/" + switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            default -> "http-" + status;
        });
    }
}
