package org.gridgov.common.contract.payload;

/**
 * A photo or file backing a report, an action or a verification: where it is, what it is, how big
 * and its SHA-256, so that anyone holding the file can check it is the one recorded.
 */
public record EvidenceV1(String url, String contentType, Long size, String sha256) {
    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("(https?://|/evidence/)\\S{1,990}");
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

    /** What is wrong with this item as it arrived from outside, or null when nothing is. */
    public String invalid() {
        if (url == null || !URL.matcher(url).matches()) {
            return "url must be an http(s) URL or /evidence/<id> of at most 1000 characters";
        }
        if (contentType == null || contentType.isBlank() || contentType.length() > 100) {
            return "contentType is required (at most 100 characters)";
        }
        if (size == null || size <= 0) {
            return "size must be a positive number of bytes";
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return "sha256 must be 64 hexadecimal digits";
        }
        return null;
    }
}
