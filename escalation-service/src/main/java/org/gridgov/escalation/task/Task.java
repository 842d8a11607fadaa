package org.gridgov.escalation.task;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One dispatch of an event to a handler unit, with its deadline. */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {
    public enum Status {
        /** with its handler, the clock running */
        OPEN,
        /** the handler resolved it; the clock stopped */
        RESOLVED,
        CLOSED,
        /** the event was reopened and dispatched again */
        SUPERSEDED,
        /** handed to the next tier */
        ESCALATED,
        /** the unit returned it (退回) */
        RETURNED,
        /** returned too often: waits for a human dispatcher, no clock */
        NEEDS_DISPATCHER
    }

    @Id
    public UUID id;
    @Column(name = "event_id", nullable = false)
    public UUID eventId;
    @Column(nullable = false)
    public String category;
    @Column(name = "grid_code")
    public String gridCode;
    @Column(name = "handler_unit", nullable = false)
    public String handlerUnit;
    @Column(nullable = false)
    public String tier;
    @Column(nullable = false)
    public String rule;
    @Column(nullable = false)
    public String reason;
    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    @Column(name = "dispatched_at", nullable = false)
    public OffsetDateTime dispatchedAt;
    @Column(nullable = false)
    public OffsetDateTime deadline;
    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    /** the durable SLA timers: when the warning is due, and when each fired */
    /** the deadline was counted into a year whose holidays are not loaded: Monday to Friday only */
    @Column(name = "calendar_missing", nullable = false)
    public boolean calendarMissing;

    @Column(name = "warn_at", nullable = false)
    public OffsetDateTime warnAt;
    @Column(name = "warned_at")
    public OffsetDateTime warnedAt;
    @Column(name = "overdue_at")
    public OffsetDateTime overdueAt;
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public java.util.List<String> cooperating = new java.util.ArrayList<>();
    @Column(name = "rule_version")
    public Integer ruleVersion;
    /** the county whose rule set decided (null: the shared set) */
    @Column(name = "rule_county")
    public String ruleCounty;
    @Column(name = "escalated_from")
    public UUID escalatedFrom;
    /** the clock stands since then: the event waits for the reporter's material (补办件) or is parked (挂账) */
    @Column(name = "paused_at")
    public OffsetDateTime pausedAt;
    @Column(name = "accepted_at")
    public OffsetDateTime acceptedAt;
    /** DISPATCH, ESCALATION, REROUTE or ASSIGNMENT */
    @Column(nullable = false)
    public String kind = "DISPATCH";
    @Version
    public long version;
}
