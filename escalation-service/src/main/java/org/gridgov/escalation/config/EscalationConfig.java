package org.gridgov.escalation.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.escalation.*}: time limits, warnings, returns and the SLA clock. Every default is here. */
@ConfigMapping(prefix = "gridgov.escalation")
public interface EscalationConfig {

    /** working days a tier has to handle a task, unless its rule or category says less */
    Limit limit();

    /** the share of the allowed time after which a warning goes out */
    @WithDefault("0.8")
    double warningShare();

    /** returns (退回) of one event before it waits for a human dispatcher */
    @WithDefault("2")
    int maxReturns();

    Sla sla();

    interface Limit {
        @WithDefault("1")
        int grid();

        @WithDefault("3")
        int community();

        @WithDefault("7")
        int street();
    }

    interface Sla {
        /** fire due warnings and deadlines (off in tests, which tick the clock themselves) */
        @WithDefault("true")
        boolean enabled();

        /** how often the clock looks for due timers */
        @WithDefault("1s")
        Duration poll();
    }
}
