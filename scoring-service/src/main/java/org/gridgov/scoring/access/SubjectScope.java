package org.gridgov.scoring.access;

import org.gridgov.scoring.jdbc.Sql;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;

/**
 * Which points subjects a caller may read and score. A subject's place is its code (GRID:, COMMUNITY:,
 * STREET:&lt;code&gt;) or, for an individual (USER:&lt;id&gt;), the home code registered for her
 * ({@code PUT /subjects/USER:<id>} with {@code homeCode}). A caller reaches the subjects whose place her
 * jurisdiction covers, and her own USER:&lt;her id&gt;. Individuals without a home code (residents known only from
 * their reports) belong to the county: callers with a {@code district} claim reach them. Admins reach everything.
 */
public final class SubjectScope {
    private SubjectScope() {
    }

    /** SQL: the place of the subject in column {@code col}, qualified with its table (e.g. {@code ledger_entry.subject}) */
    public static String placeSql(String col) {
        return "(case when split_part(" + col + ", ':', 1) = 'USER' then (select hs.home_code from subject hs where hs.subject = "
                + col + ") else split_part(" + col + ", ':', 2) end)";
    }

    /** A JDBC condition ({@code ?} parameters in {@link Jurisdiction.Filter#positional()}) on a subject column. */
    public static Jurisdiction.Filter filter(Jurisdiction j, String col) {
        if (j.unrestricted()) {
            return new Jurisdiction.Filter("1 = 1", java.util.Map.of(), List.of());
        }
        Jurisdiction.Filter places = j.jdbcFilter(placeSql(col));
        List<Object> args = new ArrayList<>(places.positional());
        StringBuilder sb = new StringBuilder("(").append(places.clause()).append(" or ").append(col).append(" = ?");
        args.add("USER:" + j.subject());
        if (j.countyWide()) {
            sb.append(" or (split_part(").append(col).append(", ':', 1) = 'USER' and ").append(placeSql(col)).append(" is null)");
        }
        return new Jurisdiction.Filter(sb.append(")").toString(), java.util.Map.of(), args);
    }

    /** the place of a subject: its code, or a USER's home code (null when unknown) */
    public static String place(Connection c, String subject) {
        int colon = subject.indexOf(':');
        if (colon < 0) {
            return null;
        }
        if (!subject.startsWith("USER:")) {
            return subject.substring(colon + 1);
        }
        return Sql.one(c, "select home_code from subject where subject = ?", rs -> rs.getString(1), subject).orElse(null);
    }

    public static boolean visible(Connection c, Jurisdiction j, String subject) {
        if (j.unrestricted() || subject.equals("USER:" + j.subject())) {
            return true;
        }
        String place = place(c, subject);
        if (place == null) {
            return subject.startsWith("USER:") && j.countyWide();
        }
        return j.covers(place);
    }

    /** 404 unless the caller reaches the subject */
    public static void checkRead(Connection c, Jurisdiction j, String subject) {
        if (!visible(c, j, subject)) {
            throw ProblemException.notFound("subject " + subject);
        }
    }

    /** 403 unless the caller reaches the subject (scoring it, registering it) */
    public static void checkWrite(Connection c, Jurisdiction j, String subject) {
        if (!visible(c, j, subject)) {
            throw ProblemException.forbidden("subject " + subject + " is outside your jurisdiction");
        }
    }

    /** 403 unless the caller is county-wide (admin, or a district claim): month locks, published rankings */
    public static void checkCountyWide(Jurisdiction j, String what) {
        if (!j.countyWide()) {
            throw ProblemException.forbidden(what + " needs a county-wide jurisdiction (a district claim)");
        }
    }
}
