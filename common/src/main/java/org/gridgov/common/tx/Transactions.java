package org.gridgov.common.tx;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Small transaction and JDBC helpers shared by the services. */
public final class Transactions {
    private Transactions() {
    }

    /** Runs {@code action} once the current transaction has committed. */
    public static void afterCommit(TransactionSynchronizationRegistry tsr, Runnable action) {
        after(tsr, action, true);
    }

    /** Runs {@code action} once the current transaction has ended, committed or rolled back. */
    public static void afterCompletion(TransactionSynchronizationRegistry tsr, Runnable action) {
        after(tsr, action, false);
    }

    private static void after(TransactionSynchronizationRegistry tsr, Runnable action, boolean onlyCommitted) {
        tsr.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (!onlyCommitted || status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    /** A timestamptz column read by a native query, whatever type the driver hands back. */
    public static OffsetDateTime offset(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }
}
