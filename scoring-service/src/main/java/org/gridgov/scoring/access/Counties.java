package org.gridgov.scoring.access;

import org.gridgov.scoring.jdbc.Sql;
import java.util.List;
import java.util.TreeSet;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;

/**
 * Acts that freeze or compare a whole period (a month lock, a published quarter) reach every county whose subjects
 * have points in it. A county office (a {@code district} claim) may do them only when all of them lie in her county:
 * the county of a subject is the first 6 digits of its place ({@link SubjectScope#place}); individuals without a home
 * code belong to any county office. Admins reach every county.
 */
public final class Counties {
    private Counties() {
    }

    /** the county (6 digits) of a code; null for a null or short code */
    public static String of(String code) {
        return code == null || code.length() < 6 ? null : code.substring(0, 6);
    }

    /** the counties of the subjects of {@code types} with points (any status) in {@code period}; null for the homeless */
    static List<String> inPeriod(java.sql.Connection c, String period, List<String> types) {
        return Sql.list(c, "select distinct left(" + SubjectScope.placeSql("b.subject") + ", 6) from subject_balance b "
                + "where b.period = ? and b.subject_type = any(?) and b.entries > 0", rs -> rs.getString(1), period,
                types.toArray(String[]::new));
    }

    /**
     * 403 unless the caller is county-wide and every county with points of {@code types} in {@code period} is hers.
     *
     * @param what what the caller is doing, e.g. "locking 2024-01"
     */
    public static void checkWithin(java.sql.Connection c, Jurisdiction j, String period, List<String> types, String what) {
        SubjectScope.checkCountyWide(j, what);
        if (j.unrestricted()) {
            return;
        }
        TreeSet<String> outside = new TreeSet<>();
        for (String county : inPeriod(c, period, types)) {
            if (county != null && !j.coversDistrictOf(county)) {
                outside.add(county);
            }
        }
        if (!outside.isEmpty()) {
            throw ProblemException.forbidden(what + " reaches county " + String.join(", ", outside)
                    + ", outside your jurisdiction; only an admin acts for several counties");
        }
    }
}
