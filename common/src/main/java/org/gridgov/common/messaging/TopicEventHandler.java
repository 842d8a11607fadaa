package org.gridgov.common.messaging;

import io.cloudevents.CloudEvent;

/** A subscription's effect on one CloudEvent read from a topic: {@link Handlers} compiled. */
@FunctionalInterface
interface TopicEventHandler {
    void handle(String topic, CloudEvent event) throws Exception;
}
