package org.gridgov.escalation.task;

import java.util.List;

import org.gridgov.common.contract.EventType;
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
        // only the steps that start, stop or end a task: the others are skipped without touching the database
        Handlers handlers = Handlers.create();
        for (EventType type : DispatchService.HANDLED) {
            handlers.on(type, EventLifecycleV1.class, (e, envelope) -> dispatch.on(envelope.type(), e));
        }
        consumers.subscribe(NAME, List.of(Topics.EVENT_LIFECYCLE), handlers);
    }
}
