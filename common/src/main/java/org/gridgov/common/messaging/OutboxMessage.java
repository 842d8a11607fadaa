package org.gridgov.common.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A CloudEvent waiting in the service's own database to be published (transactional outbox). */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {
    /**
     * Insert order, given by the database when the row is inserted (at flush, just before commit);
     * the relay publishes pending rows in this order. Rows of one aggregate are written under that
     * aggregate's row lock, so their order is their commit order. Not the entity id, so that
     * Hibernate can defer and batch the insert instead of executing it at once to read the value back.
     */
    @Column(insertable = false, updatable = false)
    public Long seq;

    /** The CloudEvents id. */
    @Id
    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @Column(name = "ce_type", nullable = false)
    public String type;

    @Column(name = "ce_source", nullable = false)
    public String source;

    @Column(name = "ce_subject")
    public String subject;

    @Column(name = "ce_time", nullable = false)
    public OffsetDateTime time;

    @Column(name = "data_schema")
    public String dataSchema;

    /** Extension attribute used for header-based selection by partner departments, may be null. */
    @Column(name = "handler_unit")
    public String handlerUnit;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    /** set when the broker refused the row for good; the relay skips it until an admin re-sends it */
    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;

    @Column(name = "park_error")
    public String parkError;
}
