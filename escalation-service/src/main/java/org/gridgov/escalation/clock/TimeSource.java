package org.gridgov.escalation.clock;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

/** The service's notion of now: the system clock, replaceable in tests to move time without sleeping. */
@ApplicationScoped
public class TimeSource {
    private volatile Clock clock = Clock.systemUTC();

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public void use(Clock clock) {
        this.clock = clock;
    }
}
