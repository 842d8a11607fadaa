package org.gridgov.escalation.notification;

import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.SupervisionNoticeV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;
import org.gridgov.escalation.task.Task;
import org.gridgov.escalation.task.TaskScope;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Reads dispatches, warnings, overdue notices and 督办 from gridgov.escalation.task.v1, and the lifecycle facts a
 * resident is told of from gridgov.event.lifecycle.v1 ({@link ResidentNotices}) (consumer {@value #NAME}, idempotent
 * through the inbox), and records the notifications they call for.
 */
@ApplicationScoped
public class NotificationConsumer {
    public static final String NAME = "escalation-service.notifications";

    @Inject
    Notifications notifications;

    @Inject
    NotificationConfig config;

    @Inject
    ResidentNotices residents;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        if (!config.enabled()) {
            return;
        }
        Handlers handlers = Handlers.create();
        ResidentNotices.KINDS.keySet().forEach(type -> handlers.on(type, EventLifecycleV1.class, residents::tell));
        consumers.subscribe(NAME, List.of(Topics.ESCALATION_TASKS, Topics.EVENT_LIFECYCLE), handlers
                .on(EventType.TASK_DISPATCHED, TaskDispatchedV1.class, (t, e) -> notifications.dispatched(t))
                .on(EventType.TASK_WARNING, TaskDeadlineV1.class, (d, e) -> notifications.warning(d, place(d.taskId())))
                .on(EventType.TASK_OVERDUE, TaskDeadlineV1.class, (d, e) -> notifications.overdue(d, place(d.taskId())))
                .on(EventType.TASK_SUPERVISED, SupervisionNoticeV1.class, (n, e) -> notifications.supervised(n)));
    }

    /** where the task is, for its supervisors */
    private static String place(UUID taskId) {
        Task t = Task.findById(taskId);
        return t == null ? null : TaskScope.place(t);
    }
}
