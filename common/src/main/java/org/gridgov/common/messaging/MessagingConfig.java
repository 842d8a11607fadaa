package org.gridgov.common.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.messaging.*}: the outbox relay and the idempotent consumers. Every default is here. */
@ConfigMapping(prefix = "gridgov.messaging")
public interface MessagingConfig {

    /** CloudEvents {@code source} of what this service publishes, e.g. {@code /gridgov/event-service}. */
    String source();

    /** Create the suite's topics at start (local run, tests); off where Strimzi's KafkaTopic resources do it. */
    @WithDefault("true")
    boolean createTopics();

    Consumer consumer();

    Relay relay();

    interface Consumer {
        /** attempts for a failure that is neither transient nor a rejection, before dead-lettering */
        @WithDefault("5")
        int maxAttempts();

        /** how soon a pattern subscription sees a topic created later */
        @WithDefault("30s")
        Duration patternRefresh();

        /** records per poll, handled in one transaction */
        @WithDefault("200")
        int maxPollRecords();

        /** handle a poll's records in one transaction (false: one transaction per record) */
        @WithDefault("true")
        boolean batch();

        /** longest wait between retries while the database or broker is unavailable */
        @WithDefault("10s")
        Duration retryBackoffMax();

        /** a consumer retrying for longer than this makes readiness DOWN */
        @WithDefault("30s")
        Duration stallAlarm();
    }

    interface Relay {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("500")
        int batchSize();

        /** wake-up without a commit signal, for rows another replica or a crashed instance left */
        @WithDefault("1s")
        Duration fallbackPoll();

        /** how long sent rows are kept */
        @WithDefault("P7D")
        Duration retention();

        /** readiness is DOWN when the oldest unsent row is older than this */
        @WithDefault("5m")
        Duration pendingAlarm();
    }
}
