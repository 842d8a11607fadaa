package org.gridgov.common.messaging;

import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.Payload;
import org.gridgov.common.contract.payload.TypedPayload;
import org.gridgov.common.tx.Transactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Records a CloudEvent in the caller's transaction. It is published by {@link OutboxRelay} after
 * the transaction commits, and never if it rolls back: a state change and the message announcing
 * it succeed or fail together.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxRelay relay;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MessagingConfig config;

    /** Records a payload that has one CloudEvents type: {@code outbox.publish(new TaskDispatchedV1(...))}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(TypedPayload payload) {
        return publish(payload.eventType(), payload);
    }

    /** Records a payload shared by several types, with its type: {@code outbox.publish(EventType.EVENT_ACCEPTED, lifecycle)}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(EventType type, Payload payload) {
        return publishTo(type.topic(), type, payload, null);
    }

    /** As {@link #publish(EventType, Payload)}, with a {@code handlerunit} extension. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(EventType type, Payload payload, String handlerUnit) {
        return publishTo(type.topic(), type, payload, handlerUnit);
    }

    /**
     * As {@link #publish(EventType, Payload, String)}, on another topic than the type's own: a copy
     * for one reader, such as a department's own task topic
     * ({@link org.gridgov.common.contract.Topics#departmentTasks(String)}).
     *
     * @return the CloudEvents id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publishTo(String topic, EventType type, Payload payload, String handlerUnit) {
        if (!type.payloadClass().isInstance(payload)) {
            throw new IllegalArgumentException(type + " carries " + type.payloadClass().getSimpleName()
                    + ", not " + payload.getClass().getSimpleName());
        }
        String key = payload.key();
        String subject = payload.subject();
        OutboxMessage m = new OutboxMessage();
        m.eventId = UUID.randomUUID();
        m.topic = topic;
        m.messageKey = key;
        m.type = type.type();
        m.source = config.source();
        m.subject = subject;
        m.time = org.gridgov.common.clock.SuiteClock.now();
        m.dataSchema = type.dataSchema().toString();
        m.handlerUnit = handlerUnit;
        try {
            m.payload = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("payload of " + type + " is not serialisable", e);
        }
        m.persist();
        // one wake-up per transaction, however many messages it writes
        if (transactions.getResource(Outbox.class) == null) {
            transactions.putResource(Outbox.class, Boolean.TRUE);
            Transactions.afterCommit(transactions, relay::wakeUp);
        }
        return m.eventId;
    }
}
