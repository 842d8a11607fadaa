package org.gridgov.common.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.gridgov.common.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SuiteClockTest {

    @AfterEach
    void backToTheSystemClock() {
        SuiteClock.reset();
    }

    @Test
    void theSuitesTimeIsMovedAndRunsOnFromThere() {
        OffsetDateTime then = OffsetDateTime.parse("2025-03-03T09:00:00+08:00");
        SuiteClock.setNow(then.toInstant());
        Duration drift = Duration.between(then, SuiteClock.now());
        assertTrue(!drift.isNegative() && drift.toMillis() < 1_000, "now follows the time set: " + drift);
        assertTrue(SuiteClock.offset().isNegative(), "2025 is behind the system clock");
        SuiteClock.reset();
        assertTrue(Duration.between(OffsetDateTime.now(), SuiteClock.now()).abs().toMillis() < 1_000);
        assertEquals(Duration.ZERO, SuiteClock.offset());
    }

    @Test
    void aDeploymentWhoseClockIsFixedRefusesToMoveIt() {
        ClockResource resource = new ClockResource();
        resource.config = () -> false;
        ProblemException refused = assertThrows(ProblemException.class,
                () -> resource.set(new ClockResource.SetClock(OffsetDateTime.parse("2025-03-03T09:00:00+08:00"))));
        assertEquals(403, refused.status());
        assertThrows(ProblemException.class, resource::reset);
        assertEquals(Duration.ZERO, SuiteClock.offset());
        resource.config = () -> true;
        resource.set(new ClockResource.SetClock(OffsetDateTime.parse("2025-03-03T09:00:00+08:00")));
        assertTrue(SuiteClock.offset().isNegative());
    }
}
