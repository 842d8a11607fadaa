package org.gridgov.common.messaging;

import io.cloudevents.CloudEvent;

/**
 * As {@link CloudEventHandler}, for a consumer of several topics whose name tells something the
 * event does not: who wrote it, when only that writer may write the topic (a department's replies).
 */
@FunctionalInterface
public interface TopicEventHandler {
    void handle(String topic, CloudEvent event) throws Exception;
}
