package org.gridgov.common.contract.payload;

import org.gridgov.common.contract.EventType;

/**
 * A payload carried by one CloudEvents type only, so that {@code outbox.publish(payload)} is
 * enough. A payload shared by several types (a lifecycle step, a task action) is published with
 * its type: {@code outbox.publish(EventType.EVENT_ACCEPTED, payload)}.
 */
public interface TypedPayload extends Payload {
    EventType eventType();
}
