package org.gridgov.event;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.Payload;
import org.gridgov.testkit.TopicWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.cloudevents.CloudEvent;

/** CloudEvents built from the contract's payload records, as another service publishes them. */
final class Published {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Published() {
    }

    /** the payload as {@code type} from {@code source}; its subject is the payload's; id null: a fresh one */
    static CloudEvent event(String id, String source, EventType type, Payload payload) {
        try {
            return TopicWriter.event(id, source, type.type(), payload.subject(), JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** as escalation-service publishes it */
    static CloudEvent fromEscalation(EventType type, Payload payload) {
        return event(null, "/gridgov/escalation-service", type, payload);
    }
}
