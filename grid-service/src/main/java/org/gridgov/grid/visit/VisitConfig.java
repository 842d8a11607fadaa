package org.gridgov.grid.visit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.visits.*}: how visits (行村制) are taken. Every default is here. */
@ConfigMapping(prefix = "gridgov.visits")
public interface VisitConfig {

    /**
     * how many days before the suite's today (Asia/Shanghai) a visit may be dated: visits earn points
     * (scoring-service's {@code visit-made}) and complete monthly coverage, so they are not backdated freely
     */
    @WithDefault("7")
    int maxBackdateDays();

    /** bytes of one visit photo at most */
    @WithDefault("5242880")
    int photoMaxBytes();

    /** photos of one visit at most */
    @WithDefault("9")
    int photosPerVisit();
}
