package org.gridgov.escalation.department;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One task fact on its way to a department's webhook: written with the task change, sent by {@link WebhookSender}. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {
    public enum Status {
        PENDING, DELIVERED, /** failed {@code max-attempts} times: waits for an admin's redrive */
        DEAD
    }

    /** insert order, given by the database */
    @Column(insertable = false, updatable = false)
    public Long seq;
    /** also the CloudEvents id of the body */
    @Id
    public UUID id;
    @Column(name = "department_code", nullable = false)
    public String departmentCode;
    @Column(name = "message_key", nullable = false)
    public String messageKey;
    @Column(name = "ce_type", nullable = false)
    public String type;
    @Column(nullable = false, columnDefinition = "text")
    public String body;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    @Column(nullable = false)
    public int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;
    @Column(name = "dead_at")
    public OffsetDateTime deadAt;
    @Column(name = "last_status")
    public Integer lastStatus;
    @Column(name = "last_error")
    public String lastError;
}
