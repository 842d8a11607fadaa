package org.gridgov.scoring.access;

import java.sql.Connection;
import java.util.List;
import java.util.TreeSet;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;

/**
 * Several counties in one deployment: month locks, audits, published rankings, rule versions and indicator weights are
 * per county. The county of a subject is the first 6 digits of its place ({@link SubjectScope#place}); an individual
 * without a home code counts in the county the fact happened in (the event's grid) when there is one, else in none: only
 * a lock of every county freezes her entries. An entry keeps the county it was written in.
 * <p>
 * The county a request acts on ({@link #of(Jurisdiction, String)}): the {@code county} parameter, which must be one the
 * caller reaches; without it, the one county of a caller whose places all lie in one county (a county office, a county's
 * administrator, a street office); null (every county) for the system administrator.
 */
public final class Counties {
    private Counties() {
    }

    /** the county (6 digits) of a code; null for a null, short or non-numeric code */
    public static String of(String code) {
        return Jurisdiction.countyOf(code);
    }

    /** the county of a subject: of its place, else {@code fallback} (the county of the fact, or null) */
    public static String ofSubject(Connection c, String subject, String fallback) {
        String county = of(SubjectScope.place(c, subject));
        return county != null ? county : fallback;
    }

    /** SQL: the county of the (GRID, COMMUNITY or STREET) subject in column {@code col} */
    public static String placeCountySql(String col) {
        return "left(split_part(" + col + ", ':', 2), 6)";
    }

    /** the counties the caller's places lie in; empty for the system administrator and callers without places */
    public static List<String> reached(Jurisdiction j) {
        TreeSet<String> out = new TreeSet<>();
        for (String p : j.prefixes()) {
            String county = of(p);
            if (county != null) {
                out.add(county);
            }
        }
        return List.copyOf(out);
    }

    /** 400 naming {@code county} unless it is 6 digits */
    public static String checkCode(String county) {
        if (county != null && !county.matches("^[0-9]{6}$")) {
            throw ProblemException.invalid("county", "a county code (6 digits)");
        }
        return county;
    }

    /**
     * The counties a request acts on: {@code [county]} (403 unless the caller reaches it), else the counties the caller's
     * places lie in (403 for a caller without places), else (the system administrator) none: every county.
     */
    public static List<String> of(Jurisdiction j, String county) {
        checkCode(county);
        if (j.unrestricted()) {
            return county == null ? List.of() : List.of(county);
        }
        List<String> mine = reached(j);
        if (county != null) {
            if (!mine.contains(county)) {
                throw ProblemException.forbidden("county " + county + " is outside your jurisdiction");
            }
            return List.of(county);
        }
        if (mine.isEmpty()) {
            throw ProblemException.forbidden("your jurisdiction lies in no county");
        }
        return mine;
    }

    /** as {@link #of(Jurisdiction, String)} without a parameter; empty (every county) instead of a 403 */
    public static List<String> ofCaller(Jurisdiction j) {
        return j.unrestricted() ? List.of() : reached(j);
    }

    /** 403 unless the caller acts for the whole of each county (every county: empty): the system administrator, or district claims */
    public static void checkCountyWide(Jurisdiction j, List<String> counties, String what) {
        SubjectScope.checkCountyWide(j, what);
        if (j.unrestricted()) {
            return;
        }
        if (counties.isEmpty()) {
            throw ProblemException.forbidden(what + " for every county is the system administrator's");
        }
        for (String county : counties) {
            if (!j.coversDistrictOf(county)) {
                throw ProblemException.forbidden(what + " in " + county + " is outside your jurisdiction; a county office acts for her own county");
            }
        }
    }
}
