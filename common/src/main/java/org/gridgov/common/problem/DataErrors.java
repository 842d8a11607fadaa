package org.gridgov.common.problem;

import java.sql.SQLException;

/**
 * Recognises a value PostgreSQL refused as data (SQLSTATE class 22: a NUL byte in text, a date or
 * number out of range, a string too long for its column). It came from the request, so the request
 * is invalid (400), not the server broken.
 */
public final class DataErrors {
    /** PostgreSQL's SQLSTATE class data_exception */
    private static final String DATA_EXCEPTION = "22";

    private DataErrors() {
    }

    /** Whether {@code e}, one of its causes or a chained SQL exception, is a data exception. */
    public static boolean isDataException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (SQLException s = t instanceof SQLException q ? q : null; s != null; s = s.getNextException()) {
                if (s.getSQLState() != null && s.getSQLState().startsWith(DATA_EXCEPTION)) {
                    return true;
                }
            }
        }
        return false;
    }
}
