package org.gridgov.common.schedule;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Work a service does by itself on one daemon thread, in rounds: waits an interval or until {@link #wakeUp()} (a commit
 * that wrote work calls it), then runs rounds as long as a round says more work is waiting. A failed round is logged
 * (and handed to an optional listener); the next waits a back-off that doubles from 100 ms to 5 s and resets after a
 * round that went through.
 * <p>
 * Two kinds of user:
 * <ul>
 * <li>timers (purging unattached evidence, firing SLA timers, closing follow-ups nobody answered):
 * {@link #start(String, Supplier, Runnable)};</li>
 * <li>senders woken by commits (the outbox relay, webhook deliveries, notifications):
 * {@link #worker(String, Supplier, BooleanSupplier, Consumer)}.</li>
 * </ul>
 * Several replicas may run the same work; the work itself must be safe for that (e.g. {@code for update skip locked}).
 *
 * <pre>
 * PeriodicTask purge = PeriodicTask.start("evidence-purge", () -&gt; Duration.ofMinutes(10), this::purgeNow);
 * ...
 * purge.stop();
 * </pre>
 */
public final class PeriodicTask {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);
    static final long FIRST_BACKOFF_MS = 100;
    static final long LAST_BACKOFF_MS = 5_000;

    private final String name;
    private final Supplier<Duration> interval;
    private final BooleanSupplier round;
    private final Consumer<RuntimeException> onFailure;
    private final Semaphore signal = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    private PeriodicTask(String name, Supplier<Duration> interval, BooleanSupplier round, Consumer<RuntimeException> onFailure) {
        this.name = name;
        this.interval = interval;
        this.round = round;
        this.onFailure = onFailure;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    /**
     * Starts a timer on its own thread: the job runs one interval after the start, then once per interval.
     *
     * @param interval read before every wait, so that a setting changed at run time takes effect
     */
    public static PeriodicTask start(String name, Supplier<Duration> interval, Runnable job) {
        return worker(name, interval, () -> {
            job.run();
            return false;
        }, null);
    }

    /**
     * Starts a sender on its own thread: a round runs after each {@link #wakeUp()}, or after {@code poll} without one
     * (to pick up work left by a crashed replica, or due after a back-off), and again at once while it returns true.
     *
     * @param round sends one batch; true when more is waiting
     * @param onFailure told of each failed round (may be null), e.g. to keep the last error for health checks
     */
    public static PeriodicTask worker(String name, Supplier<Duration> poll, BooleanSupplier round, Consumer<RuntimeException> onFailure) {
        PeriodicTask t = new PeriodicTask(name, poll, round, onFailure);
        t.thread.start();
        return t;
    }

    private void loop() {
        long backoff = FIRST_BACKOFF_MS;
        while (running) {
            try {
                signal.tryAcquire(interval.get().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                while (running && round.getAsBoolean()) {
                    // more work is waiting
                }
                backoff = FIRST_BACKOFF_MS;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("%s: %s; next round in %d ms", name, e.toString(), backoff);
                if (onFailure != null) {
                    onFailure.accept(e);
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, LAST_BACKOFF_MS);
            }
        }
    }

    /** Cuts the current wait short: work was committed. */
    public void wakeUp() {
        signal.release();
    }

    /** Whether the thread is alive (false once stopped, or if it died). */
    public boolean running() {
        return thread.isAlive();
    }

    /** Stops after the current round, if any, waiting for it up to 5 s; a wait is cut short. */
    public void stop() {
        running = false;
        signal.release();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
