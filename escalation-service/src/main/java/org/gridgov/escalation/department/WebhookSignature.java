package org.gridgov.escalation.department;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, both ways (task facts to the department, replies from it):
 * {@code X-Gridgov-Signature: sha256=<hex>}, the lower-case hex of HMAC-SHA256 with the
 * department's secret over {@code <timestamp>.<body>}, where the timestamp is the
 * {@code X-Gridgov-Timestamp} header (Unix seconds) and the body the exact bytes sent. The
 * receiver recomputes it, compares in constant time, and refuses a timestamp too far from its
 * clock, so that a captured request cannot be replayed later.
 */
public final class WebhookSignature {
    public static final String SIGNATURE = "X-Gridgov-Signature";
    public static final String TIMESTAMP = "X-Gridgov-Timestamp";
    public static final String DELIVERY = "X-Gridgov-Delivery";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** the header value for a body sent at {@code timestamp} (Unix seconds) */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** why the request is not authentic, or null when it is */
    public static String refusal(String secret, String timestamp, String signature, byte[] body, Instant now, Duration tolerance) {
        if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
            return TIMESTAMP + " must be Unix seconds";
        }
        long ts = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - ts) > tolerance.toSeconds()) {
            return TIMESTAMP + " is more than " + tolerance.toSeconds() + " s from now (a replay, or a wrong clock)";
        }
        if (signature == null || !signature.startsWith(PREFIX)) {
            return SIGNATURE + " must be sha256=<hex>";
        }
        byte[] expected = sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return SIGNATURE + " does not match the body";
        }
        return null;
    }
}
