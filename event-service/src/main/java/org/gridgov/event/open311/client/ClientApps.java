package org.gridgov.event.open311.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.tx.Transactions;
import org.gridgov.event.config.Open311Config;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Open311 client applications (a civic app, a city's web form) registered by an admin. Each has an
 * {@code api_key}, shown once when it is created; only its SHA-256 is kept (the key is 32 random
 * bytes, so a plain hash cannot be guessed back). Each has a rate limit of posted requests per
 * minute, counted in its database row so that every replica counts together.
 */
@ApplicationScoped
public class ClientApps {
    static final String CODE = "[a-z0-9][a-z0-9-]{0,39}";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, code, name, key_hint, rate_limit_per_minute, created_at, created_by, revoked_at";

    @Inject
    EntityManager em;

    @Inject
    Open311Config config;

    /** A registered application as admins see it: never its key. */
    public record ClientApp(UUID id, String code, String name, String keyHint, int rateLimitPerMinute, OffsetDateTime createdAt, String createdBy,
            OffsetDateTime revokedAt) {
    }

    /** The answer to a registration: the only time the key is shown. */
    public record Registered(ClientApp client, String apiKey) {
    }

    public record NewClient(String code, String name, Integer rateLimitPerMinute) {
    }

    /** A rate limit given as {@code {rateLimitPerMinute}}. */
    public record RateLimit(Integer rateLimitPerMinute) {
    }

    public Registered register(NewClient c, String by) {
        if (c == null || c.code() == null || !c.code().matches(CODE)) {
            throw ProblemException.invalid("code", "required: 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit");
        }
        if (c.name() == null || c.name().isBlank() || c.name().length() > 200) {
            throw ProblemException.invalid("name", "required, at most 200 characters");
        }
        int limit = c.rateLimitPerMinute() == null ? config.defaultRateLimitPerMinute() : checkedLimit(c.rateLimitPerMinute());
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        UUID id = UUID.randomUUID();
        ClientApp app = QuarkusTransaction.requiringNew().call(() -> {
            if (!em.createNativeQuery("select 1 from open311_client where code = ?1").setParameter(1, c.code()).getResultList().isEmpty()) {
                throw ProblemException.conflict("client application " + c.code() + " is registered already");
            }
            em.createNativeQuery("insert into open311_client (id, code, name, key_hash, key_hint, rate_limit_per_minute, created_at, created_by) "
                    + "values (?1, ?2, ?3, ?4, ?5, ?6, now(), ?7)").setParameter(1, id).setParameter(2, c.code()).setParameter(3, c.name().strip())
                    .setParameter(4, hash(key)).setParameter(5, key.substring(0, 9) + "…").setParameter(6, limit).setParameter(7, by).executeUpdate();
            return find(id);
        });
        return new Registered(app, key);
    }

    public List<ClientApp> list() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select " + COLUMNS + " from open311_client order by code")
                .getResultList().stream().map(r -> app((Object[]) r)).toList());
    }

    public ClientApp get(UUID id) {
        ClientApp a = QuarkusTransaction.requiringNew().call(() -> find(id));
        if (a == null) {
            throw ProblemException.notFound("client application " + id);
        }
        return a;
    }

    /** Its key stops working at once; revoking twice changes nothing. */
    public ClientApp revoke(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("update open311_client set revoked_at = now() where id = ?1 and revoked_at is null").setParameter(1, id).executeUpdate();
            return require(id);
        });
    }

    public ClientApp limit(UUID id, RateLimit body) {
        int limit = checkedLimit(body == null ? null : body.rateLimitPerMinute());
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("update open311_client set rate_limit_per_minute = ?2 where id = ?1").setParameter(1, id).setParameter(2, limit)
                    .executeUpdate();
            return require(id);
        });
    }

    /**
     * The application whose key this is, counted against its rate limit: 403 for an unknown or revoked key, 429 once it
     * has posted its limit this minute.
     */
    public ClientApp admit(String apiKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("update open311_client set "
                    + "window_count = case when window_start = date_trunc('minute', now()) then window_count + 1 else 1 end, "
                    + "window_start = date_trunc('minute', now()) where key_hash = ?1 and revoked_at is null "
                    + "returning id, window_count, rate_limit_per_minute").setParameter(1, hash(apiKey)).getResultList();
            if (rows.isEmpty()) {
                throw new ProblemException(403, "Unknown api_key", "api_key: unknown or revoked; an administrator registers client applications", null);
            }
            Object[] r = (Object[]) rows.get(0);
            if (((Number) r[1]).intValue() > ((Number) r[2]).intValue()) {
                throw new ProblemException(429, "Too many requests", "api_key: this application may post " + r[2]
                        + " requests a minute; try again in the next minute", null);
            }
            return find((UUID) r[0]);
        });
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int checkedLimit(Integer limit) {
        if (limit == null || limit < 1 || limit > 100_000) {
            throw ProblemException.invalid("rateLimitPerMinute", "required, from 1 to 100000 requests a minute");
        }
        return limit;
    }

    private ClientApp require(UUID id) {
        ClientApp a = find(id);
        if (a == null) {
            throw ProblemException.notFound("client application " + id);
        }
        return a;
    }

    private ClientApp find(UUID id) {
        List<?> r = em.createNativeQuery("select " + COLUMNS + " from open311_client where id = ?1").setParameter(1, id).getResultList();
        return r.isEmpty() ? null : app((Object[]) r.get(0));
    }

    private static ClientApp app(Object[] r) {
        return new ClientApp((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(), Transactions.offset(r[5]),
                (String) r[6], Transactions.offset(r[7]));
    }
}
