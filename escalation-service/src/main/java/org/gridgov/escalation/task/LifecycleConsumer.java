package org.gridgov.escalation.task;

import java.util.List;

import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

@ApplicationScoped
public class LifecycleConsumer {
    public static final String NAME = "escalation-service.event-lifecycle";

    @Inject
    DispatchService dispatch;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        consumers.subscribe(NAME, List.of(Topics.EVENT_LIFECYCLE), Handlers.create()
                .onEvery(Topics.EVENT_LIFECYCLE, EventLifecycleV1.class, (e, envelope) -> dispatch.on(envelope.type(), e)));
    }
}
