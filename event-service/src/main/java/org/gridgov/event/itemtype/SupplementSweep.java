package org.gridgov.event.itemtype;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.gridgov.common.schedule.PeriodicTask;
import org.gridgov.event.config.EventConfig;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Lets the clock of 补办件 run again when their wait for material reached its limit, every {@code gridgov.event.supplement.sweep}. */
@ApplicationScoped
public class SupplementSweep {
    @Inject
    EventConfig config;

    @Inject
    Supplements supplements;

    private PeriodicTask task;

    void start(@Observes StartupEvent ev) {
        task = PeriodicTask.start("supplement-sweep", () -> config.supplement().sweep(),
                () -> supplements.limitReached(OffsetDateTime.now(ZoneOffset.UTC)));
    }

    void stop(@Observes ShutdownEvent ev) {
        if (task != null) {
            task.stop();
        }
    }
}
