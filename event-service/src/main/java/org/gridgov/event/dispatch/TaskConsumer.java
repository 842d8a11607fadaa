package org.gridgov.event.dispatch;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Payloads;
import org.gridgov.event.event.EventLifecycleService;

import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Records in each event's timeline what escalation-service decided. */
@ApplicationScoped
public class TaskConsumer {
    public static final String NAME = "event-service.tasks";

    @Inject
    Payloads payloads;

    @Inject
    EventLifecycleService events;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        consumers.subscribe(NAME, List.of(Topics.ESCALATION_TASKS), this::handle);
    }

    void handle(CloudEvent ce) {
        if (EventType.TASK_DISPATCHED.type().equals(ce.getType())) {
            events.dispatched(payloads.read(ce, TaskDispatchedV1.class));
        }
    }
}
