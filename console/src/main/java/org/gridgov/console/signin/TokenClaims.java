package org.gridgov.console.signin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a bearer token says about its user, for the front end to choose its screens: user id, roles and jurisdiction
 * claims. Read without verifying the signature: the console decides nothing with it; the services verify every
 * token they are given and decide what the user may see and do.
 */
public record TokenClaims(String user, List<String> roles, Map<String, Object> claims, long expiresAt) {
    /** the jurisdiction claims the services read (common/security/Jurisdiction) */
    static final List<String> JURISDICTION = List.of("grids", "communities", "streets", "district", "dept");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<TokenClaims> of(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            Map<String, Object> payload = JSON.readValue(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8),
                    new TypeReference<Map<String, Object>>() {
                    });
            Object upn = payload.getOrDefault("upn", payload.getOrDefault("preferred_username", payload.get("sub")));
            Object groups = payload.get("groups");
            List<String> roles = groups instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
            Map<String, Object> claims = new LinkedHashMap<>();
            for (String c : JURISDICTION) {
                if (payload.get(c) != null) {
                    claims.put(c, payload.get(c));
                }
            }
            long exp = payload.get("exp") instanceof Number n ? n.longValue() : 0;
            return Optional.of(new TokenClaims(String.valueOf(upn), roles, claims, exp));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
