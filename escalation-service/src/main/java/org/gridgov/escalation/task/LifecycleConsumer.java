package org.gridgov.escalation.task;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Payloads;

import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

@ApplicationScoped
public class LifecycleConsumer {
    public static final String NAME = "escalation-service.event-lifecycle";

    @Inject
    Payloads payloads;

    @Inject
    DispatchService dispatch;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        consumers.subscribe(NAME, List.of(Topics.EVENT_LIFECYCLE), this::handle);
    }

    void handle(CloudEvent ce) {
        EventType.ofType(ce.getType()).ifPresent(t -> dispatch.on(t, payloads.read(ce, EventLifecycleV1.class)));
    }
}
