package org.gridgov.event.task;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.CooperationPartV1;
import org.gridgov.common.contract.payload.SupervisionNoticeV1;
import org.gridgov.common.contract.payload.TaskActionV1;
import org.gridgov.common.contract.payload.TaskExtensionV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;
import org.gridgov.event.lifecycle.TaskUpdates;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Records in each event's timeline what escalation-service decided. */
@ApplicationScoped
public class TaskConsumer {
    public static final String NAME = "event-service.tasks";

    @Inject
    TaskUpdates events;

    @Inject
    TaskTimeline timeline;

    @Inject
    org.gridgov.event.cooperation.CooperationParts parts;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        // the facts that keep the event's status (warnings, overdue, 督办, extensions, the clock after rework): TaskTimeline; an overdue task also makes its event late
        consumers.subscribe(NAME, List.of(Topics.ESCALATION_TASKS), Handlers.create()
                .on(EventType.TASK_DISPATCHED, TaskDispatchedV1.class, (task, envelope) -> events.dispatched(task))
                .onEvery(Topics.ESCALATION_TASKS, TaskActionV1.class, (action, envelope) -> events.taskAction(envelope.type(), action))
                .on(EventType.TASK_DEADLINE_CHANGED, TaskDeadlineV1.class, (deadline, envelope) -> timeline.deadlineChanged(deadline))
                .on(EventType.TASK_WARNING, TaskDeadlineV1.class, (deadline, envelope) -> timeline.warning(deadline))
                .on(EventType.TASK_OVERDUE, TaskDeadlineV1.class, (deadline, envelope) -> timeline.overdue(deadline))
                .on(EventType.TASK_SUPERVISED, SupervisionNoticeV1.class, (notice, envelope) -> timeline.supervised(notice))
                .on(EventType.TASK_EXTENSION_REQUESTED, TaskExtensionV1.class, (x, envelope) -> timeline.extensionRequested(x))
                .on(EventType.TASK_EXTENSION_DECIDED, TaskExtensionV1.class, (x, envelope) -> timeline.extensionDecided(x))
                // 联动: the cooperating departments' parts
                .onEvery(Topics.ESCALATION_TASKS, CooperationPartV1.class, (part, envelope) -> parts.changed(part)));
    }
}
