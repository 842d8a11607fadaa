package org.gridgov.common.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * What no request may carry, whatever the field: a NUL character (PostgreSQL refuses it in text) or
 * a date outside the years {@value #MIN_YEAR} to {@value #MAX_YEAR} (arithmetic on it overflows, and
 * PostgreSQL refuses most of them). JSON bodies ({@link SaneJson}) and query and path parameters
 * ({@link SaneParams}) are checked with it; code that parses a value by hand calls it too.
 */
public final class SaneValues {
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 9999;
    public static final String NUL = "must not contain the NUL character (U+0000)";
    public static final String YEARS = "must be in the years " + MIN_YEAR + " to " + MAX_YEAR;

    private SaneValues() {
    }

    /** Why {@code value} is refused, or null when it is fine (or of a type not checked here). */
    public static String problem(Object value) {
        if (value instanceof CharSequence s) {
            return s.toString().indexOf('\0') >= 0 ? NUL : null;
        }
        Integer year = value instanceof OffsetDateTime t ? Integer.valueOf(t.getYear())
                : value instanceof Instant t ? Integer.valueOf(t.atOffset(ZoneOffset.UTC).getYear())
                : value instanceof LocalDate t ? Integer.valueOf(t.getYear())
                : value instanceof LocalDateTime t ? Integer.valueOf(t.getYear())
                : value instanceof ZonedDateTime t ? Integer.valueOf(t.getYear())
                : null;
        return year != null && (year < MIN_YEAR || year > MAX_YEAR) ? YEARS : null;
    }

    /** {@code value}, or a 400 naming {@code field} when it is refused. */
    public static <T> T check(String field, T value) {
        String problem = problem(value);
        if (problem != null) {
            throw ProblemException.invalid(field, problem);
        }
        return value;
    }
}
