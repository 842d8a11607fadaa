package org.gridgov.common.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Personal data under PIPL: phone and ID numbers are stored encrypted (AES-256-GCM, a fresh IV
 * per value) and shown masked. The key comes from {@code gridgov.pii.key} (base64 of 32 bytes);
 * production sets it from a Secret ({@code GRIDGOV_PII_KEY}).
 */
@ApplicationScoped
public class PersonalData {
    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    @jakarta.inject.Inject
    PiiConfig config;

    private SecretKeySpec key;

    /** the key committed in this repository, for the local run and tests only */
    static final String REPOSITORY_KEY = "Z3JpZGdvdi1sb2NhbC1kZXYtb25seS1waWkta2V5ISE=";

    /** Checked at start, not at first use: a service with a published key must not come up at all. */
    void check(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        if (config.kept()) {
            refuseRepositoryKey(config.key(), io.quarkus.runtime.configuration.ConfigUtils.getProfiles());
            init();
        }
    }

    /**
     * The repository's key is public: personal data encrypted with it is not protected. Only the
     * dev and test profiles and the local run ({@code local}) may use it.
     */
    static void refuseRepositoryKey(String keyBase64, java.util.List<String> profiles) {
        if (REPOSITORY_KEY.equals(keyBase64.strip()) && profiles.stream().noneMatch(p -> p.equals("dev") || p.equals("test")
                || p.equals("local"))) {
            throw new IllegalStateException("gridgov.pii.key is the key published in the repository; set GRIDGOV_PII_KEY to this "
                    + "deployment's own key (base64 of 32 random bytes) before starting with profile(s) " + profiles);
        }
    }

    @PostConstruct
    void init() {
        if (key != null) {
            return;
        }
        byte[] k = Base64.getDecoder().decode(config.key());
        if (k.length != 32) {
            throw new IllegalStateException("gridgov.pii.key must be the base64 of 32 bytes, not " + k.length);
        }
        key = new SecretKeySpec(k, "AES");
    }

    public String encrypt(String clear) {
        if (clear == null) {
            return null;
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted value");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt (wrong gridgov.pii.key?)", e);
        }
    }

    /** 王丽华 → 王**, 王女士 → 王** (the family name stays, so an operator can address the caller) */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String n = name.strip();
        int first = n.offsetByCodePoints(0, 1);
        return n.substring(0, first) + "*".repeat(Math.max(1, n.codePointCount(first, n.length())));
    }

    /** 13812345678 → 138****5678 */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() <= 4) {
            return "*".repeat(phone.length());
        }
        int keepStart = phone.length() >= 11 ? 3 : 0;
        return phone.substring(0, keepStart) + "*".repeat(phone.length() - keepStart - 4) + phone.substring(phone.length() - 4);
    }

    /** 350182199001011234 → 3501**********1234 */
    public static String maskIdNumber(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() <= 8) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    /** A mainland resident identity card number (GB 11643-1999): 17 digits and a check character. */
    public static boolean validIdNumber(String id) {
        if (id == null || !id.matches("\\d{17}[\\dXx]")) {
            return false;
        }
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        char[] checks = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * weights[i];
        }
        return Character.toUpperCase(id.charAt(17)) == checks[sum % 11];
    }

    /** A mainland mobile number: 11 digits starting with 1. */
    public static boolean validMobile(String phone) {
        return phone != null && phone.matches("1[3-9]\\d{9}");
    }
}
