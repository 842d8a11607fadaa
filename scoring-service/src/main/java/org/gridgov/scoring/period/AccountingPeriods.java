package org.gridgov.scoring.period;

import org.gridgov.scoring.jdbc.Sql;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridgov.common.problem.ProblemException;

/** Accounting periods in Asia/Shanghai: months yyyy-MM, quarters yyyy-Qn, years yyyy. */
public final class AccountingPeriods {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
    static final Pattern MONTH_P = Pattern.compile("^(\\d{4})-(0[1-9]|1[0-2])$");
    static final Pattern QUARTER_P = Pattern.compile("^(\\d{4})-Q([1-4])$");
    static final Pattern YEAR_P = Pattern.compile("^(\\d{4})$");

    private AccountingPeriods() {
    }

    public enum Kind {
        MONTH, QUARTER, YEAR
    }

    /** A parsed period with the months it spans. */
    public record Period(Kind kind, String value, List<String> months) {
    }

    public static String monthOf(OffsetDateTime t) {
        return t.atZoneSameInstant(ZONE).format(MONTH);
    }

    public static String currentMonth() {
        return monthOf(org.gridgov.common.clock.SuiteClock.now());
    }

    public static String quarterOf(String month) {
        int m = Integer.parseInt(month.substring(5, 7));
        return month.substring(0, 4) + "-Q" + ((m + 2) / 3);
    }

    public static String yearOf(String month) {
        return month.substring(0, 4);
    }

    public static String nextMonth(String month) {
        return YearMonth.parse(month, MONTH).plusMonths(1).format(MONTH);
    }

    /** @throws ProblemException 400 naming {@code field} when the text is no period */
    public static Period parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(field, "a period is required: yyyy-MM, yyyy-Qn or yyyy");
        }
        Matcher m = MONTH_P.matcher(text);
        if (m.matches()) {
            return new Period(Kind.MONTH, text, List.of(text));
        }
        m = QUARTER_P.matcher(text);
        if (m.matches()) {
            int q = Integer.parseInt(m.group(2));
            List<String> months = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                months.add("%s-%02d".formatted(m.group(1), (q - 1) * 3 + i));
            }
            return new Period(Kind.QUARTER, text, months);
        }
        m = YEAR_P.matcher(text);
        if (m.matches()) {
            List<String> months = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                months.add("%s-%02d".formatted(text, i));
            }
            return new Period(Kind.YEAR, text, months);
        }
        throw ProblemException.invalid(field, "'" + text + "' is not a period: yyyy-MM, yyyy-Qn or yyyy");
    }

    public static Period parse(String text, String field, Kind required) {
        Period p = parse(text, field);
        if (p.kind() != required) {
            throw ProblemException.invalid(field, "a " + required.name().toLowerCase() + " is required here, not '" + text + "'");
        }
        return p;
    }

    /** locked for every county at once (the system administrator's lock) */
    public static boolean lockedForAll(Connection c, String month) {
        return Sql.count(c, "select count(*) from period_lock where period = ? and county is null", month) > 0;
    }

    /**
     * locked for {@code county}: by its own lock or by a lock of every county. County null (an entry of an individual
     * without a home code, who belongs to every county office): by any lock of the month.
     */
    public static boolean locked(Connection c, String month, String county) {
        return Sql.count(c, "select count(*) from period_lock where period = ? and (county is null or county = ? or ?::text is null)",
                month, county, county) > 0;
    }

    /** locked for each of {@code counties}; for every county (empty): by a lock of every county */
    public static boolean lockedForEach(Connection c, String month, java.util.List<String> counties) {
        if (counties.isEmpty()) {
            return lockedForAll(c, month);
        }
        return counties.stream().allMatch(county -> locked(c, month, county));
    }

    /** The month itself, or the first month after it that is not locked for the county: late facts never enter a locked month. */
    public static String firstOpenMonth(Connection c, String month, String county) {
        String m = month;
        while (locked(c, m, county)) {
            m = nextMonth(m);
        }
        return m;
    }

    /** Serialises writers of a month against its lock: shared for writers, exclusive for the lock. */
    public static void guard(Connection c, String month, boolean exclusive) {
        Sql.one(c, "select " + (exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared")
                + "(hashtext('scoring.period:' || ?))::text", rs -> rs.getString(1), month);
    }
}
