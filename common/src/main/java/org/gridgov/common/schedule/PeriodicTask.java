package org.gridgov.common.schedule;

import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * A job a service runs by itself every so often (purging unattached evidence, firing SLA timers, closing follow-ups
 * nobody answered): one daemon thread that waits an interval, runs the job, logs a failure and goes on. Several
 * replicas may run the same job; the job itself must be safe for that (e.g. {@code for update skip locked}).
 *
 * <pre>
 * PeriodicTask purge = PeriodicTask.start("evidence-purge", () -&gt; Duration.ofMinutes(10), this::purgeNow);
 * ...
 * purge.stop();
 * </pre>
 */
public final class PeriodicTask {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private final String name;
    private final Thread thread;
    private volatile boolean running = true;

    private PeriodicTask(String name, Supplier<Duration> interval, Runnable job) {
        this.name = name;
        this.thread = new Thread(() -> loop(interval, job), name);
        thread.setDaemon(true);
    }

    /**
     * Starts the job on its own thread: it first runs one interval after the start.
     *
     * @param interval read before every wait, so that a setting changed at run time takes effect
     */
    public static PeriodicTask start(String name, Supplier<Duration> interval, Runnable job) {
        PeriodicTask t = new PeriodicTask(name, interval, job);
        t.thread.start();
        return t;
    }

    private void loop(Supplier<Duration> interval, Runnable job) {
        while (running) {
            try {
                Thread.sleep(interval.get().toMillis());
                job.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("%s: %s", name, e.toString());
            }
        }
    }

    /** Stops after the current run, if any; a wait is cut short. */
    public void stop() {
        running = false;
        thread.interrupt();
    }
}
