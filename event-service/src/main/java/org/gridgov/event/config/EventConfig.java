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

    FollowUp followUp();

    Supplement supplement();

    /** whoever resolved an event does not verify it (409); false lets one person do both */
    @WithDefault("true")
    boolean separateResolveAndVerify();

    interface Intake {
        /** channels whose reports are cases at once (立案 without an operator) */
        @WithDefault("GRID_PATROL,VISIT,HOTLINE_12345,PARTNER")
        Set<org.gridgov.common.contract.Channel> autoAcceptChannels();

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

    /** 回访 that ends: an event nobody answers is closed as 回访未果 (no answer), counted apart from the ratings */
    interface FollowUp {
        /** unanswered call attempts after which the event is closed as 回访未果 */
        @WithDefault("3")
        int maxAttempts();

        /** working days (the suite's calendar as escalation-service announces it, Asia/Shanghai) after verification after which it is closed as 回访未果 */
        @WithDefault("5")
        int maxWorkingDays();

        /** how often the follow-up queue is swept for events past their working days */
        @WithDefault("PT10M")
        Duration sweep();
    }

    /** 补办件: the task's clock waits for the reporter's missing material, within a limit */
    interface Supplement {
        /** working days (the suite's calendar as escalation-service announces it, Asia/Shanghai) the clock waits for the material; then it runs again */
        @WithDefault("5")
        int maxWorkingDays();

        /** how often waiting items are swept for a reached limit */
        @WithDefault("PT10M")
        Duration sweep();
    }

    interface Categories {
        /** how long intake trusts a cached category; an edit on any replica drops it at once */
        @WithDefault("PT5S")
        Duration cache();
    }
}
