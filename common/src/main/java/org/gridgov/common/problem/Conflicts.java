package org.gridgov.common.problem;

import java.sql.SQLException;

/**
 * Recognises a unique constraint that refused a row because a concurrent request wrote the same
 * thing first (two retries of one submission, say). Such a request is a conflict (409), not a
 * server error.
 */
public final class Conflicts {
    /** PostgreSQL's SQLSTATE for unique_violation */
    private static final String UNIQUE_VIOLATION = "23505";

    private Conflicts() {
    }

    /** Whether {@code e}, or one of its causes, is a unique violation (of {@code constraint}, when not null). */
    public static boolean isUniqueViolation(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && (constraint == null || constraint.equals(c.getConstraintName()))
                    && (c.getSQLException() == null || UNIQUE_VIOLATION.equals(c.getSQLException().getSQLState()))) {
                return true;
            }
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())
                    && (constraint == null || String.valueOf(s.getMessage()).contains("\"" + constraint + "\""))) {
                return true;
            }
        }
        return false;
    }
}
