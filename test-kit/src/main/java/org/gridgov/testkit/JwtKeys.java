package org.gridgov.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * A local RSA key pair that signs tokens for tests and the local run; services verify them with
 * the public key (in production: a JWKS URL of Keycloak or another OIDC provider).
 */
public final class JwtKeys {
    public static final String ISSUER = "https://gridgov.local/issuer";
    public static final String AUDIENCE = "gridgov";

    private static JwtKeys forTests;

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private JwtKeys(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** A key pair for this JVM's tests. */
    public static synchronized JwtKeys forTests() {
        if (forTests == null) {
            try {
                Path dir = Files.createTempDirectory("gridgov-jwt");
                dir.toFile().deleteOnExit();
                forTests = loadOrCreate(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return forTests;
    }

    /** Reads {@code private.pem} and {@code public.pem} from dir, creating them the first time. */
    public static JwtKeys loadOrCreate(Path dir) {
        try {
            Files.createDirectories(dir);
            Path priv = dir.resolve("private.pem");
            Path pub = dir.resolve("public.pem");
            if (!Files.exists(priv) || !Files.exists(pub)) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair kp = g.generateKeyPair();
                Files.writeString(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                Files.writeString(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(priv).replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey pk = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new JwtKeys(pk, pub);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** Verifying configuration for a service (MicroProfile JWT property names). */
    public Map<String, String> verifierConfig() {
        return Map.of(
                "mp.jwt.verify.publickey.location", publicKeyFile.toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    /** Mints a signed token for a user with roles and extra claims (e.g. jurisdiction codes). */
    public String token(String subject, Set<String> roles, Map<String, Object> claims, Duration ttl) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject)
                .groups(roles).expiresIn(ttl);
        claims.forEach(b::claim);
        return b.jws().keyId("gridgov-local").sign(privateKey);
    }

    /**
     * A one-hour token with jurisdiction claims, e.g. {@code token("worker-1", Set.of("grid_worker"),
     * Map.of("grids", List.of("350182001001001")))}; claim names in {@code org.gridgov.common.security.Jurisdiction}:
     * grids, communities, streets, district, dept.
     */
    public String token(String subject, Set<String> roles, Map<String, Object> claims) {
        return token(subject, roles, claims, Duration.ofHours(1));
    }

    public String token(String subject, String... roles) {
        return token(subject, Set.of(roles), Map.of(), Duration.ofHours(1));
    }

    /**
     * Tokens a verifier must refuse, by what is wrong with them: expired, not yet valid, wrong
     * issuer, wrong audience, signed with another key, unsigned ({@code alg: none}).
     */
    public Map<String, String> badTokens(String subject, String role) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("expired", Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(role))
                .issuedAt(now - 7200).expiresAt(now - 3600).jws().keyId("gridgov-local").sign(privateKey));
        bad.put("not yet valid", Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(role))
                .claim("nbf", now + 3600).issuedAt(now).expiresAt(now + 7200).jws().keyId("gridgov-local").sign(privateKey));
        bad.put("wrong issuer", Jwt.issuer("https://evil.example/issuer").audience(AUDIENCE).subject(subject).upn(subject)
                .groups(Set.of(role)).expiresIn(Duration.ofHours(1)).jws().keyId("gridgov-local").sign(privateKey));
        bad.put("wrong audience", Jwt.issuer(ISSUER).audience("someone-else").subject(subject).upn(subject).groups(Set.of(role))
                .expiresIn(Duration.ofHours(1)).jws().keyId("gridgov-local").sign(privateKey));
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            bad.put("bad signature", Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(role))
                    .expiresIn(Duration.ofHours(1)).jws().keyId("gridgov-local").sign(g.generateKeyPair().getPrivate()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject
                + "\",\"upn\":\"" + subject + "\",\"groups\":[\"" + role + "\"],\"exp\":" + (now + 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        bad.put("alg none", header + "." + claims + ".");
        return bad;
    }

    public PublicKey publicKey() {
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(publicKeyFile).replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
