package org.gridgov.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private static Failures.Kind kind(Throwable t) {
        return Failures.classify(new IllegalStateException("wrapped", new RuntimeException(t)));
    }

    @Test
    void databaseAndBrokerOutagesAreTransient() {
        assertEquals(Failures.Kind.TRANSIENT, kind(new SQLException("Connection to localhost:5432 refused", "08001")));
        assertEquals(Failures.Kind.TRANSIENT, kind(new SQLException("terminating connection due to administrator command", "57P01")));
        assertEquals(Failures.Kind.TRANSIENT,
                kind(new SQLException("FATAL: database \"escalation\" is not currently accepting connections", "55000")));
        assertEquals(Failures.Kind.TRANSIENT, kind(new SQLException("could not serialize access", "40001")));
        assertEquals(Failures.Kind.TRANSIENT, kind(new SQLException("deadlock detected", "40P01")));
        assertEquals(Failures.Kind.TRANSIENT, kind(new SQLException("canceling statement due to statement timeout", "57014")));
        assertEquals(Failures.Kind.TRANSIENT, kind(new SQLException("could not obtain lock", "55P03")));
        assertEquals(Failures.Kind.TRANSIENT, kind(new SQLException("Acquisition timeout while waiting for new connection")));
        assertEquals(Failures.Kind.TRANSIENT, kind(new ConnectException("Connection refused")));
        assertEquals(Failures.Kind.TRANSIENT, kind(new NotLeaderOrFollowerException("moving")));
        assertEquals(Failures.Kind.TRANSIENT, kind(new org.apache.kafka.common.errors.TimeoutException("metadata")));
    }

    @Test
    void contentFailuresAreNot() {
        assertEquals(Failures.Kind.OTHER, kind(new SQLException("duplicate key value violates unique constraint", "23505")));
        assertEquals(Failures.Kind.OTHER, kind(new SQLException("object not in prerequisite state", "55000")));
        assertEquals(Failures.Kind.OTHER, kind(new IllegalArgumentException("no such category")));
        assertEquals(Failures.Kind.OTHER, kind(new RecordTooLargeException("too large")));
        assertEquals(Failures.Kind.OTHER, kind(new TopicAuthorizationException("not yours")));
        assertEquals(Failures.Kind.REJECTED, kind(new RejectedMessage("unknown sender")));
    }

    @Test
    void aRejectionAboveAnOutageIsARejection() {
        RejectedMessage r = new RejectedMessage("bad");
        r.initCause(new SQLException("refused", "08001"));
        assertEquals(Failures.Kind.REJECTED, Failures.classify(r));
    }
}
