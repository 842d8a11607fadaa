package org.gridgov.common.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Whether a file's first bytes are what its declared type says, so that an upload cannot pass one kind of
 * content off as another (an HTML page as a photo), and the SHA-256 that names a file's content. Used by
 * event-service's evidence and grid-service's visit photos. Types without a known signature are taken as declared.
 */
public final class FileSignatures {
    private FileSignatures() {
    }

    /** whether {@code b} starts with the signature of {@code type} (a MIME type without parameters, lower case) */
    public static boolean matches(String type, byte[] b) {
        return switch (type) {
            case "image/jpeg" -> starts(b, 0, 0xFF, 0xD8, 0xFF);
            case "image/png" -> starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/webp" -> ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP");
            case "image/heic" -> ascii(b, 4, "ftyp") && (ascii(b, 8, "heic") || ascii(b, 8, "heix") || ascii(b, 8, "mif1")
                    || ascii(b, 8, "msf1") || ascii(b, 8, "hevc"));
            case "video/mp4" -> ascii(b, 4, "ftyp");
            case "audio/mpeg" -> ascii(b, 0, "ID3") || b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0;
            case "audio/amr" -> ascii(b, 0, "#!AMR");
            case "application/pdf" -> ascii(b, 0, "%PDF-");
            default -> true;
        };
    }

    /** the content's SHA-256, 64 lower-case hex digits */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** a Content-Type header's type without parameters, lower case; null for null */
    public static String baseType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean starts(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String s) {
        byte[] want = s.getBytes(StandardCharsets.US_ASCII);
        return b.length >= at + want.length && Arrays.equals(b, at, at + want.length, want, 0, want.length);
    }
}
