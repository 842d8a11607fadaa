package org.gridgov.common.messaging;

/**
 * The effect of one incoming message, given its payload record. It runs inside the transaction
 * that records the message as processed, so a redelivery has no second effect. Throw
 * {@link RejectedMessage} for a message that can never be processed.
 */
@FunctionalInterface
public interface PayloadHandler<T> {
    void handle(T payload, Envelope envelope) throws Exception;
}
