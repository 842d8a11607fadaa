package org.gridgov.common.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gridgov.common.problem.ProblemException;

/**
 * Where a caller may read and act, from the claims of her verified token.
 *
 * <h2>Claims</h2>
 * <ul>
 * <li>{@code grids}: level-2 grid codes (15 digits) she serves; a level-1 grid code (community + {@code 000})
 * stands for every grid of its community, not the community node itself</li>
 * <li>{@code communities}: community/village codes (12 digits)</li>
 * <li>{@code streets}: street/town codes (9 digits)</li>
 * <li>{@code district}: county codes (6 digits)</li>
 * <li>{@code dept}: department codes (escalation-service's {@code department} table: {@code police}, {@code market},
 * {@code housing}, {@code sanitation}, {@code health}, {@code emergency}, {@code urban-management}); the handler
 * unit is {@code DEPT:<code>}</li>
 * </ul>
 * Each claim is a JSON string (one code, or several separated by commas or spaces) or an array of strings.
 *
 * <h2>Rules</h2>
 * Administrative codes are hierarchical: a code starts with the code of every ancestor (district 6 digits,
 * street 9, community 12, grid 15, building 18, households {@code <building>-nn}). The caller's scope is the set
 * of code prefixes from the claims; {@link #covers(String)} holds when a scope code is a prefix of the code.
 * The role {@code admin} without place claims is the system administrator: she covers everything and changes what
 * is shared by every county. The role {@code admin} with a {@code district} claim is that county's administrator:
 * she reads and acts like anyone else within her county, changes her county's own settings
 * ({@link #administers(String)}, {@link #checkAdminister(String, String)}) and nothing of another county or of the
 * shared defaults; {@link CountyAdminGate} refuses her every admin-only endpoint not marked {@link CountyScoped}.
 * Without a claim a caller covers nothing (deny by default); a
 * resident is never scoped by place, she reaches only her own things ({@link #isSelf(String)}).
 * <p>
 * Lists filter silently ({@link #filter(String)}, {@link #jdbcFilter(String)}); a single resource outside the
 * scope answers 404 like one that does not exist ({@link #checkRead}), so that existence does not leak; a change
 * whose target is named in the request body and lies outside the scope answers 403 ({@link #checkWrite}).
 */
public final class Jurisdiction {
    public static final String GRIDS = "grids";
    public static final String COMMUNITIES = "communities";
    public static final String STREETS = "streets";
    public static final String DISTRICT = "district";
    public static final String DEPT = "dept";
    /** the claims that carry place codes, narrowest first */
    public static final List<String> PLACE_CLAIMS = List.of(GRIDS, COMMUNITIES, STREETS, DISTRICT);
    public static final String ADMIN = "admin";

    /** A scope entry: codes starting with {@code prefix} and at least {@code minLength} long. */
    public record Scope(String prefix, int minLength) {
        public boolean covers(String code) {
            return code != null && code.startsWith(prefix) && code.length() >= minLength;
        }
    }

    /** A SQL condition with its parameters: named ({@code :jur0 ...}) or positional ({@code ?}). */
    public record Filter(String clause, Map<String, Object> named, List<Object> positional) {
        /** sets the named parameters on a JPA / Panache query parameter map */
        public void addTo(Map<String, Object> params) {
            params.putAll(named);
        }

        /** sets the named parameters on a JPA query */
        public void addTo(jakarta.persistence.Query query) {
            named.forEach(query::setParameter);
        }
    }

    private static final Jurisdiction NONE = new Jurisdiction(null, Set.of(), false, List.of(), Set.of());

    private final String subject;
    private final Set<String> roles;
    private final boolean all;
    private final List<Scope> scopes;
    private final Set<String> departments;

    private Jurisdiction(String subject, Set<String> roles, boolean all, List<Scope> scopes, Set<String> departments) {
        this.subject = subject;
        this.roles = Set.copyOf(roles);
        this.all = all;
        this.scopes = List.copyOf(scopes);
        this.departments = Set.copyOf(departments);
    }

    /** Nobody: an anonymous caller. */
    public static Jurisdiction none() {
        return NONE;
    }

    /** From a verified token (its upn, else its subject; its groups; its jurisdiction claims): see {@link JurisdictionClaims}. */
    public static Jurisdiction of(JsonWebToken jwt) {
        return JurisdictionClaims.of(jwt);
    }

    /** From a subject, roles and raw claim values (String, JSON string/array, or a collection): see {@link JurisdictionClaims}. */
    public static Jurisdiction of(String subject, Collection<String> roles, Map<String, ?> claims) {
        return JurisdictionClaims.of(subject, roles, claims);
    }

    /** Built by {@link JurisdictionClaims} from scope entries already minimal. */
    static Jurisdiction of(String subject, Set<String> roles, boolean all, List<Scope> scopes, Set<String> departments) {
        return new Jurisdiction(subject, roles, all, scopes, departments);
    }

    // --- who ---

    /** the caller's user id (upn, else sub); null when anonymous */
    public String subject() {
        return subject;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** the system administrator (admin without place claims): covers every place and every department */
    public boolean unrestricted() {
        return all;
    }

    /** a county's administrator: the role admin confined by place claims */
    public boolean countyAdmin() {
        return !all && roles.contains(ADMIN);
    }

    /**
     * Whether the caller may change the settings of {@code county} (6 digits; null for the defaults every county
     * shares): the system administrator everything, a county's administrator her counties only and never the
     * shared defaults.
     */
    public boolean administers(String county) {
        if (all) {
            return true;
        }
        return county != null && roles.contains(ADMIN) && county.length() == 6 && counties().contains(county);
    }

    /** the 6-digit county codes whose whole area the caller covers ({@code district} claims); empty for admins */
    public List<String> counties() {
        return scopes.stream().filter(s -> s.prefix().length() == 6 && s.minLength() == 0).map(Scope::prefix).toList();
    }

    /** 403 unless {@link #administers(String)} the county (null: the shared defaults) */
    public void checkAdminister(String county, String what) {
        if (!administers(county)) {
            throw ProblemException.forbidden(county == null ? what + " is shared by every county: only the system administrator changes it"
                    : what + " belongs to county " + county + ", which you do not administer");
        }
    }

    /** the county (first 6 digits) of an administrative code; null when the code is shorter or null */
    public static String countyOf(String code) {
        return code != null && code.length() >= 6 && code.substring(0, 6).chars().allMatch(Character::isDigit) ? code.substring(0, 6) : null;
    }

    /** true when the caller is the user {@code userId} (a resident reaching her own things) */
    public boolean isSelf(String userId) {
        return subject != null && subject.equals(userId);
    }

    // --- places ---

    /** the scope entries, widest first; empty for admins (see {@link #unrestricted()}) and for callers without claims */
    public List<Scope> scopes() {
        return scopes;
    }

    /** the scope's code prefixes, widest first */
    public List<String> prefixes() {
        return scopes.stream().map(Scope::prefix).toList();
    }

    /** whether the caller has any place claim (admins aside) */
    public boolean hasPlaces() {
        return !scopes.isEmpty();
    }

    /** a scope code is a prefix of {@code code}; always for admins; never for null */
    public boolean covers(String code) {
        if (all) {
            return true;
        }
        return code != null && scopes.stream().anyMatch(s -> s.covers(code));
    }

    /** covers at least one of the codes */
    public boolean coversAny(Collection<String> codes) {
        return all || codes.stream().anyMatch(this::covers);
    }

    /**
     * covers the code, or the code is an ancestor of the scope (a grid worker may read her community's and street's
     * node, not their other grids)
     */
    public boolean coversOrContains(String code) {
        return covers(code) || (code != null && scopes.stream().anyMatch(s -> s.prefix().startsWith(code)
                || (s.minLength() > s.prefix().length() && code.startsWith(s.prefix()) && code.length() < s.minLength())));
    }

    /** whether the whole county of {@code code} (its first 6 digits) is in scope: county-level offices */
    public boolean coversDistrictOf(String code) {
        return all || (code != null && code.length() >= 6 && scopes.stream().anyMatch(s -> s.prefix().length() <= 6
                && code.startsWith(s.prefix())));
    }

    /** whether a {@code district} claim (or admin) makes the caller county-wide */
    public boolean countyWide() {
        return all || scopes.stream().anyMatch(s -> s.prefix().length() <= 6 && s.minLength() == 0);
    }

    // --- departments ---

    /** department codes from the {@code dept} claim (e.g. police) */
    public Set<String> departments() {
        return departments;
    }

    /** the caller's handler units: DEPT:&lt;code&gt; for each department */
    public Set<String> departmentUnits() {
        Set<String> out = new TreeSet<>();
        departments.forEach(d -> out.add("DEPT:" + d));
        return out;
    }

    /** admin, or the department (code or DEPT:code) is the caller's */
    public boolean inDepartment(String dept) {
        if (all) {
            return true;
        }
        if (dept == null) {
            return false;
        }
        return departments.contains(dept.startsWith("DEPT:") ? dept.substring(5) : dept);
    }

    // --- checks ---

    /** 404 (as for a resource that does not exist) unless the code is covered */
    public void checkRead(String code, String what) {
        if (!covers(code)) {
            throw ProblemException.notFound(what);
        }
    }

    /** 403 unless the code is covered: a change aimed at a place outside the caller's jurisdiction */
    public void checkWrite(String code, String what) {
        if (!covers(code)) {
            throw ProblemException.forbidden(what + " is outside your jurisdiction");
        }
    }

    // --- SQL ---

    /**
     * A condition on a code column for JPQL or native SQL with named parameters {@code :jur0, :jurl0, ...}:
     * {@code 1 = 1} for admins, {@code 1 = 0} without a scope, else an OR of {@code column like :jurN}.
     */
    public Filter filter(String column) {
        return ScopeSql.build(this, column, true, "jur");
    }

    /** as {@link #filter(String)}, with parameter names starting with {@code paramPrefix} (two filters in one query) */
    public Filter filter(String column, String paramPrefix) {
        return ScopeSql.build(this, column, true, paramPrefix);
    }

    /** as {@link #filter(String)} with JDBC {@code ?} parameters, in order ({@link Filter#positional()}) */
    public Filter jdbcFilter(String column) {
        return ScopeSql.build(this, column, false, null);
    }

    @Override
    public String toString() {
        return "Jurisdiction[" + subject + " " + roles + (all ? " all" : " " + prefixes()) + " dept=" + departments + "]";
    }
}
