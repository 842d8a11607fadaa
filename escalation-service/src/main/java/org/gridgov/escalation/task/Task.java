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
        OPEN, RESOLVED, CLOSED, SUPERSEDED
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
    @Version
    public long version;
}
