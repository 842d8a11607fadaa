package org.gridgov.common.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void aWakeUpCutsTheWaitShortAndRoundsRunWhileWorkIsWaiting() throws Exception {
        AtomicInteger waiting = new AtomicInteger();
        CountDownLatch drained = new CountDownLatch(1);
        PeriodicTask t = PeriodicTask.worker("test-sender", () -> Duration.ofHours(1), () -> {
            boolean more = waiting.updateAndGet(n -> Math.max(0, n - 1)) > 0;
            if (!more) {
                drained.countDown();
            }
            return more;
        }, null);
        try {
            waiting.set(5);
            t.wakeUp();
            assertTrue(drained.await(5, TimeUnit.SECONDS), "woken at once, not after the hour's poll");
            assertEquals(0, waiting.get(), "one wake-up drains all that waits");
        } finally {
            t.stop();
        }
        assertFalse(t.running(), "stopped");
    }

    @Test
    void aFailedRoundIsReportedAndTheNextComesAfterABackOff() throws Exception {
        List<Long> calls = new CopyOnWriteArrayList<>();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        CountDownLatch third = new CountDownLatch(3);
        PeriodicTask t = PeriodicTask.worker("test-failing", () -> Duration.ZERO, () -> {
            calls.add(System.nanoTime());
            third.countDown();
            throw new IllegalStateException("database down");
        }, failures::add);
        try {
            assertTrue(third.await(5, TimeUnit.SECONDS));
        } finally {
            t.stop();
        }
        assertTrue(failures.size() >= 2, "each failure is reported");
        long gap1 = calls.get(1) - calls.get(0);
        long gap2 = calls.get(2) - calls.get(1);
        assertTrue(gap1 >= TimeUnit.MILLISECONDS.toNanos(PeriodicTask.FIRST_BACKOFF_MS), "backs off after a failure: " + gap1);
        assertTrue(gap2 >= 2 * TimeUnit.MILLISECONDS.toNanos(PeriodicTask.FIRST_BACKOFF_MS) - TimeUnit.MILLISECONDS.toNanos(5),
                "the back-off doubles: " + gap2);
    }

    @Test
    void aTimerRunsOncePerIntervalAndSurvivesAFailure() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        PeriodicTask t = PeriodicTask.start("test-timer", () -> Duration.ofMillis(20), () -> {
            runs.incrementAndGet();
            twice.countDown();
            throw new IllegalStateException("one bad run");
        });
        try {
            assertTrue(twice.await(5, TimeUnit.SECONDS), "runs again after a failed run");
        } finally {
            t.stop();
        }
    }
}
