package org.gridgov.grid.visit;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 走访纪实: who visited which household, when, and what was learned. */
@Entity
@Table(name = "visit")
public class Visit extends PanacheEntityBase {
    /** 三必到: illness or hospital, urgent hardship, weddings and funerals */
    public enum MustVisitReason {
        ILLNESS, HARDSHIP, WEDDING_FUNERAL
    }

    @Id
    public UUID id;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    @Column(name = "grid_code", nullable = false)
    public String gridCode;
    @Column(name = "visitor_id", nullable = false)
    public String visitorId;
    @Column(name = "visited_at", nullable = false)
    public OffsetDateTime visitedAt;
    @Column(nullable = false)
    public String notes;
    @Column(name = "must_visit_reason")
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public MustVisitReason mustVisitReason;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
