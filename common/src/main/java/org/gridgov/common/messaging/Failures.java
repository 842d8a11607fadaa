package org.gridgov.common.messaging;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells apart why a message could not be processed. Only a message that fails because of its own
 * content may be dead-lettered; a failure because the database or the broker is unavailable for a
 * while is retried for as long as it lasts.
 */
public final class Failures {
    private Failures() {
    }

    public enum Kind {
        /** the database or broker is unavailable, or the transaction lost a race: retry, never dead-letter */
        TRANSIENT,
        /** the message can never be processed ({@link RejectedMessage}): dead-letter at once */
        REJECTED,
        /** anything else: retried a few times, then dead-lettered with the reason */
        OTHER
    }

    /** Classifies a failure by looking at it and every cause below it. */
    public static Kind classify(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof RejectedMessage) {
                return Kind.REJECTED;
            }
            if (isTransientOne(t)) {
                return Kind.TRANSIENT;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s != failure && classify(s) == Kind.TRANSIENT) {
                    return Kind.TRANSIENT;
                }
            }
        }
        return Kind.OTHER;
    }

    public static boolean isTransient(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    private static boolean isTransientOne(Throwable t) {
        if (t instanceof ConnectException || t instanceof SocketException || t instanceof SocketTimeoutException
                || t instanceof EOFException || t instanceof RetriableException
                || t instanceof org.apache.kafka.common.errors.TimeoutException
                || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
            return true;
        }
        String name = t.getClass().getName();
        if (name.equals("org.hibernate.exception.JDBCConnectionException")
                || name.equals("org.hibernate.exception.LockAcquisitionException")
                || name.equals("org.hibernate.exception.LockTimeoutException")
                || name.equals("org.hibernate.PessimisticLockException")
                || name.equals("org.hibernate.QueryTimeoutException")
                || name.equals("jakarta.persistence.LockTimeoutException")
                || name.equals("jakarta.persistence.PessimisticLockException")
                || name.equals("jakarta.persistence.QueryTimeoutException")) {
            return true;
        }
        if (t instanceof SQLException sql) {
            return isTransientSqlState(sql.getSQLState(), sql.getMessage());
        }
        return false;
    }

    /**
     * PostgreSQL's SQLSTATEs that mean "not now" rather than "never": connection exceptions (08),
     * serialization failure and deadlock (40001, 40P01), lock not available (55P03), statement
     * timeout or cancel (57014), server shutting down or starting (57P01-57P05), insufficient
     * resources (53), system errors (58); and the database refusing connections for a while
     * ({@code ALLOW_CONNECTIONS false}: 55000 "is not currently accepting connections"). A pool
     * that timed out waiting for a connection gives no SQLSTATE.
     */
    static boolean isTransientSqlState(String state, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (state == null) {
            return m.contains("acquisition timeout") || m.contains("connection") && (m.contains("closed")
                    || m.contains("refused") || m.contains("reset") || m.contains("unable"));
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.startsWith("58")
                || state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.equals("57014")
                || state.equals("55000") && m.contains("not currently accepting connections");
    }
}
