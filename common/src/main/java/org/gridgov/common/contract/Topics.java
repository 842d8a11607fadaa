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

    /**
     * Grid registry snapshots, compacted: the latest record per grid code is the replica; and the people serving
     * grids (key {@code person:<id>}), the latest record per person.
     */
    public static final String GRID_REGISTRY = "gridgov.grid.registry.v1";
    /** Facts from walking the village (行村): a problem found on a household visit. */
    public static final String GRID_VISITS = "gridgov.grid.visit.v1";
    /** Every transition of a reported event (discover, dispatch, handle, verify, follow up, close). */
    public static final String EVENT_LIFECYCLE = "gridgov.event.lifecycle.v1";
    /**
     * Dispatches and deadline facts from escalation-service, for every unit: read inside the suite
     * (event-service). A partner department reads its own copy, {@link #departmentTasks(String)}.
     */
    public static final String ESCALATION_TASKS = "gridgov.escalation.task.v1";
    /**
     * Partner departments' replies to their tasks (accept, progress, return 退回, resolve): not one
     * topic but one per department, {@link #departmentReplies(String)}; this is the family's name,
     * as {@link EventType} and the documentation give it. Key: the event id.
     */
    public static final String DEPARTMENT_REPLIES = "gridgov.dept.{department}.reply.v1";
    /** The topics of departments' replies, with the department's code as group 1. */
    public static final java.util.regex.Pattern DEPARTMENT_REPLY_TOPICS = java.util.regex.Pattern.compile("gridgov\\.dept\\.([a-z0-9-]+)\\.reply\\.v1");
    /** The family of departments' task topics. */
    public static final String DEPARTMENT_TASKS = "gridgov.dept.{department}.task.v1";
    /**
     * Reports that partner systems (a department's own platform, a 12345 hotline system, an IoT
     * alarm platform) submit to event-service: not one topic but one per registered partner,
     * {@link #partnerReports(String)}; this is the family's name, as {@link EventType} and the
     * documentation give it. Only the partner may write its topic (a Kafka ACL), so the topic names
     * the sender. Key: the partner's own id of the report; a resent report creates no second event.
     * The shared topic {@code gridgov.partner.report.v1} of earlier versions is retired (docs/events.md).
     */
    public static final String PARTNER_REPORTS = "gridgov.partner.{partner}.report.v1";
    /** The topics of partners' reports, with the partner's code as group 1. */
    public static final java.util.regex.Pattern PARTNER_REPORT_TOPICS = java.util.regex.Pattern.compile("gridgov\\.partner\\.([a-z0-9][a-z0-9-]{0,39})\\.report\\.v1");
    /** The working calendar, one record per year (key: the year), compacted: escalation-service to event-service. */
    public static final String ESCALATION_CALENDAR = "gridgov.escalation.calendar.v1";
    /** Ledger entries credited by scoring-service. */
    public static final String SCORING_POINTS = "gridgov.scoring.points.v1";

    /**
     * A partner department's own copy of the task facts of {@link #ESCALATION_TASKS} about tasks it
     * leads or cooperates on (联动). Only that department is allowed to read it (a Kafka ACL, see
     * deploy/), so no department sees another's tasks.
     */
    public static String departmentTasks(String departmentCode) {
        return DEPARTMENT_TASKS.replace("{department}", departmentCode);
    }

    /** Where a partner department writes its replies. Only that department is allowed to write it, so a reply's topic names its sender. */
    public static String departmentReplies(String departmentCode) {
        return DEPARTMENT_REPLIES.replace("{department}", departmentCode);
    }

    /** The department whose reply topic this is, or null when it is none. */
    public static String departmentOfReplies(String topic) {
        java.util.regex.Matcher m = DEPARTMENT_REPLY_TOPICS.matcher(topic);
        return m.matches() ? m.group(1) : null;
    }

    /** A department's two topics, for a service that creates topics itself (local run, tests). */
    public static List<TopicSpec> departmentSpecs(String departmentCode) {
        Map<String, String> month = Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000));
        return List.of(new TopicSpec(departmentTasks(departmentCode), 3, month), new TopicSpec(departmentReplies(departmentCode), 3, month));
    }

    /** Where a registered partner system writes its reports. Only that partner is allowed to write it. */
    public static String partnerReports(String partnerCode) {
        return PARTNER_REPORTS.replace("{partner}", partnerCode);
    }

    /** The partner whose report topic this is, or null when it is none. */
    public static String partnerOfReports(String topic) {
        java.util.regex.Matcher m = PARTNER_REPORT_TOPICS.matcher(topic);
        return m.matches() ? m.group(1) : null;
    }

    /** A partner's report topic, for a service that creates topics itself (local run, tests). */
    public static TopicSpec partnerSpec(String partnerCode) {
        return new TopicSpec(partnerReports(partnerCode), 3, Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000)));
    }

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
            new TopicSpec(SCORING_POINTS, 3, Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(90L * 24 * 3600 * 1000))),
            new TopicSpec(ESCALATION_CALENDAR, 1, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")));
}
