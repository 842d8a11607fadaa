package org.gridgov.common.security;

import static org.gridgov.common.security.Jurisdiction.ADMIN;
import static org.gridgov.common.security.Jurisdiction.COMMUNITIES;
import static org.gridgov.common.security.Jurisdiction.DEPT;
import static org.gridgov.common.security.Jurisdiction.DISTRICT;
import static org.gridgov.common.security.Jurisdiction.GRIDS;
import static org.gridgov.common.security.Jurisdiction.PLACE_CLAIMS;
import static org.gridgov.common.security.Jurisdiction.STREETS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gridgov.common.security.Jurisdiction.Scope;

/**
 * Reads a {@link Jurisdiction} from a token's claims (see the claims documented there): place codes become scope
 * entries (a level-1 grid code stands for its community's grids; what is not a code is ignored and never widens
 * the scope), department codes are normalised, and scope entries covered by a wider one are dropped.
 */
final class JurisdictionClaims {
    private JurisdictionClaims() {
    }

    /** From a verified token (its upn, else its subject; its groups; its jurisdiction claims). */
    static Jurisdiction of(JsonWebToken jwt) {
        if (jwt == null || jwt.getRawToken() == null) {
            return Jurisdiction.none();
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String name : List.of(GRIDS, COMMUNITIES, STREETS, DISTRICT, DEPT)) {
            Object v = jwt.getClaim(name);
            if (v != null) {
                claims.put(name, v);
            }
        }
        String who = jwt.getName() != null ? jwt.getName() : jwt.getSubject();
        return of(who, jwt.getGroups() == null ? Set.of() : jwt.getGroups(), claims);
    }

    /** From a subject, roles and raw claim values (String, JSON string/array, or a collection). */
    static Jurisdiction of(String subject, Collection<String> roles, Map<String, ?> claims) {
        boolean admin = roles.contains(ADMIN);
        List<Scope> scopes = new ArrayList<>();
        for (String claim : PLACE_CLAIMS) {
            for (String code : values(claims.get(claim))) {
                if (!code.matches("\\d{2,30}")) {
                    continue; // not a code: ignored, never widens the scope
                }
                if (code.length() == 15 && code.endsWith("000")) {
                    // a level-1 grid: every level-2 grid of its community (community + 001..999) and itself
                    scopes.add(new Scope(code.substring(0, 12), 15));
                } else {
                    scopes.add(new Scope(code, 0));
                }
            }
        }
        Set<String> depts = new TreeSet<>();
        for (String d : values(claims.get(DEPT))) {
            String code = d.startsWith("DEPT:") ? d.substring(5) : d;
            if (code.matches("[a-z0-9-]{1,50}")) {
                depts.add(code.toLowerCase(Locale.ROOT));
            }
        }
        // an admin with place claims administers those places only (a county's admin); without, the whole deployment
        return Jurisdiction.of(subject, new TreeSet<>(roles), admin && scopes.isEmpty(), minimal(scopes), depts);
    }

    /** drops entries covered by a wider one */
    private static List<Scope> minimal(List<Scope> in) {
        List<Scope> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(in));
        sorted.sort(Comparator.comparingInt((Scope s) -> s.prefix().length()).thenComparing(Scope::prefix));
        List<Scope> out = new ArrayList<>();
        for (Scope s : sorted) {
            boolean redundant = out.stream().anyMatch(o -> s.prefix().startsWith(o.prefix()) && s.minLength() >= o.minLength());
            if (!redundant) {
                out.add(s);
            }
        }
        return out;
    }

    static List<String> values(Object v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof jakarta.json.JsonString s) {
            split(s.getString(), out);
        } else if (v instanceof jakarta.json.JsonArray a) {
            for (jakarta.json.JsonValue x : a) {
                if (x instanceof jakarta.json.JsonString s) {
                    split(s.getString(), out);
                } else if (x instanceof jakarta.json.JsonNumber n) {
                    out.add(n.toString());
                }
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> out.addAll(values(x)));
        } else if (v instanceof Object[] arr) {
            for (Object x : arr) {
                out.addAll(values(x));
            }
        } else {
            split(v.toString(), out);
        }
        return out;
    }

    private static void split(String s, List<String> out) {
        for (String part : s.split("[,\\s]+")) {
            String p = part.strip();
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() > 1) {
                p = p.substring(1, p.length() - 1);
            }
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
    }
}
