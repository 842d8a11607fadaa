package org.gridgov.event.evidence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Metadata of one photo or file backing a report, an action or a verification. Upload the bytes
 * to {@code POST /evidence} first and pass back what it returns, or refer to a file kept elsewhere
 * (an https URL) with its type, size and SHA-256.
 */
public record Evidence(
        @NotBlank @Size(max = 1000) @Pattern(regexp = "(https?://|/evidence/)\\S+", message = "must be an http(s) URL or /evidence/<id>") String url,
        @NotBlank @Size(max = 100) String contentType,
        @NotNull @Positive Long size,
        @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "must be the SHA-256 of the file, 64 lowercase hex digits") String sha256) {
}
