package org.gridgov.scoring.ledger;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of the append-only points ledger. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String subject;
    @Column(nullable = false)
    public int points;
    /** rule id and version, e.g. valid-report@1 */
    @Column(nullable = false)
    public String rule;
    /** CloudEvents id of the message that earned the points */
    @Column(name = "source_event", nullable = false)
    public String sourceEvent;
    /** the event (or visit) the points are for */
    @Column(name = "source_ref", nullable = false)
    public String sourceRef;
    /** yyyy-MM in Asia/Shanghai */
    @Column(nullable = false)
    public String period;
    @Column(nullable = false)
    public String status;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
