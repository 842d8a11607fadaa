package org.gridgov.event.config;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.event.*}: intake, duplicates, categories and duties. Every default is here. */
@ConfigMapping(prefix = "gridgov.event")
public interface EventConfig {

    Intake intake();

    Duplicates duplicates();

    Categories categories();

    /** whoever resolved an event does not verify it (409); false lets one person do both */
    @WithDefault("true")
    boolean separateResolveAndVerify();

    interface Intake {
        /** channels whose reports are cases at once (立案 without an operator) */
        @WithDefault("GRID_PATROL,VISIT,HOTLINE_12345,PARTNER")
        Set<String> autoAcceptChannels();

        /** group-commit writers; 0 writes each report in its request's own transaction */
        @WithDefault("2")
        int writers();

        /** reports written together in one transaction at most */
        @WithDefault("32")
        int maxBatch();

        /** how long a request waits for its batch before answering 503 (retry with the same key) */
        @WithDefault("PT30S")
        Duration timeout();
    }

    interface Duplicates {
        /** reports of the same category this close are one problem; 0 turns merging off */
        @WithDefault("50")
        double radiusMetres();

        /** ... and this close in time, both ways */
        @WithDefault("PT72H")
        Duration window();
    }

    interface Categories {
        /** how long intake trusts a cached category; an edit on any replica drops it at once */
        @WithDefault("PT5S")
        Duration cache();
    }
}
