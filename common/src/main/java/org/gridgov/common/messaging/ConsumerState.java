package org.gridgov.common.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What one consumer is doing, for health, metrics and admins. */
public final class ConsumerState {
    private final String name;
    private volatile Instant stalledSince;
    private volatile String stallReason;
    final AtomicLong processed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong batchFallbacks = new AtomicLong();

    ConsumerState(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    void stalled(Throwable cause) {
        if (stalledSince == null) {
            stalledSince = Instant.now();
        }
        stallReason = String.valueOf(cause);
        retries.incrementAndGet();
    }

    void flowing() {
        stalledSince = null;
        stallReason = null;
    }

    /** How long the consumer has been retrying a failure of the database or broker; zero when it is not. */
    public Duration stalledFor() {
        Instant since = stalledSince;
        return since == null ? Duration.ZERO : Duration.between(since, Instant.now());
    }

    public String stallReason() {
        return stallReason;
    }

    public long processed() {
        return processed.get();
    }

    /** messages skipped: redelivered (the inbox knew them) or of a type the consumer does not handle */
    public long skipped() {
        return skipped.get();
    }

    public long retries() {
        return retries.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }
}
