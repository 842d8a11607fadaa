package org.gridgov.event.lifecycle;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One step in an event's history: who did what, when, with which note. */
@Entity
@Table(name = "event_timeline")
public class TimelineEntry extends PanacheEntityBase {
    /** From a sequence in blocks of 50, so the inserts of a transaction go to the database in one batch at commit. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "event_timeline_id")
    @SequenceGenerator(name = "event_timeline_id", sequenceName = "event_timeline_id_seq", allocationSize = 50)
    public Long id;
    @Column(name = "event_id", nullable = false)
    public UUID eventId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Transition action;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public EventStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public EventStatus toStatus;
    @Column(nullable = false)
    public String actor;
    public String note;
    @Column(nullable = false)
    public OffsetDateTime at;
}
