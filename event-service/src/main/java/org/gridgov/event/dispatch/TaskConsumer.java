package org.gridgov.event.dispatch;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.TaskActionV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
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
        EventType.ofType(ce.getType()).ifPresent(type -> {
            switch (type) {
                case TASK_DISPATCHED -> events.dispatched(payloads.read(ce, TaskDispatchedV1.class));
                case TASK_ACCEPTED, TASK_PROGRESSED, TASK_RETURNED, TASK_RESOLVED -> events.taskAction(type, payloads.read(ce, TaskActionV1.class));
                case TASK_DEADLINE_CHANGED -> events.deadlineChanged(payloads.read(ce, TaskDeadlineV1.class));
                default -> {
                    // warnings and overdue notices are for supervision and the departments
                }
            }
        });
    }
}
