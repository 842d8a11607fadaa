package org.gridgov.common.messaging;

import io.cloudevents.CloudEvent;

/** A subscription's effect on one CloudEvent read from a topic: {@link Handlers} compiled. */
@FunctionalInterface
interface TopicEventHandler {
    /**
     * Whether the event can have an effect here. One that cannot (a type the consumer does not
     * declare) is skipped without an inbox row: its redelivery is as harmless as its delivery.
     */
    default boolean wants(CloudEvent event) {
        return true;
    }

    void handle(String topic, CloudEvent event) throws Exception;
}
