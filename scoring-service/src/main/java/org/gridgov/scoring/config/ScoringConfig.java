package org.gridgov.scoring.config;

import java.math.BigDecimal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.scoring.*}: scoring-service's settings. Every default is here. */
@ConfigMapping(prefix = "gridgov.scoring")
public interface ScoringConfig {

    /** a village's governance points count as this share of its annual assessment score (一年一核算: 60%) */
    @WithDefault("0.6")
    BigDecimal villageGovernanceShare();
}
