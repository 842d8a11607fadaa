package org.gridgov.common.contract;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of the suite. This class and {@link EventType} are the single source of the
 * event contract; {@code docs/events.md} and {@code docs/asyncapi.yaml} describe the same names.
 * Every record's key is the id of the aggregate it is about, so one aggregate's history stays in
 * one partition and in order.
 */
public final class Topics {
    private Topics() {
    }

    /** Grid registry snapshots, compacted: the latest record per grid code is the replica. */
    public static final String GRID_REGISTRY = "gridgov.grid.registry.v1";
    /** Facts from walking the village (行村): a problem found on a household visit. */
    public static final String GRID_VISITS = "gridgov.grid.visit.v1";
    /** Every transition of a reported event (discover, dispatch, handle, verify, follow up, close). */
    public static final String EVENT_LIFECYCLE = "gridgov.event.lifecycle.v1";
    /** Dispatches and deadline facts from escalation-service; partner departments read this. */
    public static final String ESCALATION_TASKS = "gridgov.escalation.task.v1";
    /** Partner departments' replies to their tasks: accept, progress, return (退回), resolve. Key: the event id. */
    public static final String DEPARTMENT_REPLIES = "gridgov.department.reply.v1";
    /**
     * Reports that partner systems (a department's own platform, a 12345 hotline system, an IoT
     * alarm platform) submit to event-service. Key: the partner's own id of the report; a resent
     * report creates no second event.
     */
    public static final String PARTNER_REPORTS = "gridgov.partner.report.v1";
    /** Ledger entries credited by scoring-service. */
    public static final String SCORING_POINTS = "gridgov.scoring.points.v1";

    /** Where a consumer parks a message it could not process, with the reason in headers. */
    public static String deadLetter(String consumerName) {
        return "gridgov.dlt." + consumerName;
    }

    /** A dead-letter topic: kept 30 days for inspection and replay. */
    public static TopicSpec deadLetterSpec(String consumerName) {
        return new TopicSpec(deadLetter(consumerName), 1, Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000)));
    }

    /** Topic settings used when a service creates its topics itself (local run, tests). */
    public record TopicSpec(String name, int partitions, Map<String, String> config) {
    }

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(GRID_REGISTRY, 3, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")),
            new TopicSpec(GRID_VISITS, 3, Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000))),
            new TopicSpec(EVENT_LIFECYCLE, 6, Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000))),
            new TopicSpec(ESCALATION_TASKS, 6, Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000))),
            new TopicSpec(DEPARTMENT_REPLIES, 6, Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000))),
            new TopicSpec(PARTNER_REPORTS, 3, Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000))),
            new TopicSpec(SCORING_POINTS, 3, Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(90L * 24 * 3600 * 1000))));
}
