package org.gridgov.common.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time the suite's business rules read: when a report came in, when a deadline falls, which month
 * a point belongs to. It is the system clock, shifted by an offset that only a replay or a test sets
 * (through {@link ClockResource}, which refuses unless {@code gridgov.clock.adjustable} is true: never in
 * production). Technical times (outbox delivery, retention, metrics) keep the real clock.
 * <p>
 * A year can so be replayed in an hour: the replay moves every service's clock forward day by day, and
 * deadlines, warnings, overdue items and accounting months follow.
 */
public final class SuiteClock extends Clock {
    private static final SuiteClock INSTANCE = new SuiteClock();
    private static volatile long offsetMillis;

    private SuiteClock() {
    }

    /** The clock, for APIs that take a {@link Clock}. */
    public static Clock clock() {
        return INSTANCE;
    }

    /** The suite's now, in UTC. */
    public static OffsetDateTime now() {
        return OffsetDateTime.ofInstant(INSTANCE.instant(), ZoneOffset.UTC);
    }

    /** How far the suite's time is ahead of the system clock (negative: behind). */
    public static Duration offset() {
        return Duration.ofMillis(offsetMillis);
    }

    /** Sets the suite's time to {@code now} from this moment on (it then runs with the system clock). */
    static void setNow(Instant now) {
        offsetMillis = now.toEpochMilli() - System.currentTimeMillis();
    }

    /** Back to the system clock. */
    static void reset() {
        offsetMillis = 0;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), Duration.ofMillis(offsetMillis));
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }
}
