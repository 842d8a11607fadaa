package org.gridgov.common.contract.payload;

/**
 * A photo or file backing a report, an action or a verification: where it is, what it is, how big
 * and its SHA-256, so that anyone holding the file can check it is the one recorded.
 */
public record EvidenceV1(String url, String contentType, Long size, String sha256) {
}
