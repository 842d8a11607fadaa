package org.gridgov.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending the processes the test kit starts (services, replicas, the console, the broker). */
public final class Processes {
    private Processes() {
    }

    /**
     * A graceful stop: SIGTERM, then SIGKILL if the process has not ended within {@code grace}; returns once it has
     * ended (or 30 s more have passed).
     */
    public static void stop(Process p, Duration grace) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code kill -9}: the process dies at once, without shutdown hooks; returns once it has (or after 30 s). */
    public static void kill(Process p) {
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
