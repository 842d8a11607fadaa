package org.gridgov.common.messaging;

import io.cloudevents.CloudEvent;

/**
 * The effect of one incoming CloudEvent. It runs inside the transaction that also records the
 * event's id as processed, so a redelivered event has no second effect.
 */
@FunctionalInterface
public interface CloudEventHandler {
    void handle(CloudEvent event) throws Exception;
}
