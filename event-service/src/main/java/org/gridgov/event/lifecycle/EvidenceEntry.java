package org.gridgov.event.lifecycle;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A photo or file attached to one step of an event's timeline. */
@Entity
@Table(name = "event_evidence")
public class EvidenceEntry extends PanacheEntityBase {
    public enum Stage {
        REPORT, HANDLING, VERIFICATION
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id", nullable = false)
    public UUID eventId;
    @Column(name = "timeline_id", nullable = false)
    public Long timelineId;
    @Column(nullable = false)
    public String stage;
    @Column(nullable = false)
    public String url;
    @Column(name = "content_type", nullable = false)
    public String contentType;
    @Column(nullable = false)
    public long size;
    @Column(nullable = false)
    public String sha256;
    @Column(name = "added_by", nullable = false)
    public String addedBy;
    @Column(name = "added_at", nullable = false)
    public OffsetDateTime addedAt;
}
