package org.gridgov.event.event;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A reported problem (事件) and where it stands. */
@Entity
@Table(name = "event")
public class EventRecord extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String category;
    @Column(nullable = false)
    public String description;
    @Column(nullable = false)
    public String channel;
    public Double latitude;
    public Double longitude;
    public String address;
    @Column(name = "grid_code")
    public String gridCode;
    @Column(name = "community_code")
    public String communityCode;
    @Column(name = "street_code")
    public String streetCode;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EventStatus status;
    @Column(name = "reporter_id", nullable = false)
    public String reporterId;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "handler_unit")
    public String handlerUnit;
    public OffsetDateTime deadline;
    public String satisfaction;
    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;
    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
    @Version
    public long version;
}
