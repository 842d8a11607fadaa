package org.gridgov.common.clock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** gridgov.clock: whether the suite's clock may be moved (replays and tests only). */
@ConfigMapping(prefix = "gridgov.clock")
public interface ClockConfig {
    /**
     * Whether an admin may set the suite's time through {@code PUT /admin/clock}. True only in tests,
     * the dev profile and the local run; a service in production refuses.
     */
    @WithDefault("false")
    boolean adjustable();
}
