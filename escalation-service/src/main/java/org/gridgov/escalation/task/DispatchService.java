package org.gridgov.escalation.task;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.messaging.Outbox;
import org.gridgov.escalation.calendar.Calendars;
import org.gridgov.escalation.routing.Router;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Reacts to the event lifecycle: dispatches located events, stops and restarts their clocks. */
@ApplicationScoped
public class DispatchService {
    private static final Logger LOG = Logger.getLogger(DispatchService.class);

    @Inject
    Router router;

    @Inject
    Calendars calendars;

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void on(EventType type, EventLifecycleV1 e) {
        switch (type) {
            case EVENT_REPORTED, EVENT_LOCATED, EVENT_REOPENED -> {
                if (e.gridCode() != null || e.communityCode() != null) {
                    dispatch(e);
                }
            }
            case EVENT_RESOLVED -> open(e.eventId()).ifPresent(t -> {
                t.status = Task.Status.RESOLVED;
                t.resolvedAt = e.occurredAt();
            });
            case EVENT_REWORK_REQUESTED -> latest(e.eventId(), Task.Status.RESOLVED).ifPresent(t -> {
                t.status = Task.Status.OPEN; // the clock runs again
                t.resolvedAt = null;
            });
            case EVENT_CLOSED -> latest(e.eventId(), Task.Status.RESOLVED).ifPresent(t -> {
                t.status = Task.Status.CLOSED;
                t.closedAt = e.occurredAt();
            });
            default -> {
            }
        }
    }

    void dispatch(EventLifecycleV1 e) {
        if (open(e.eventId()).isPresent()) {
            LOG.debugf("event %s already has an open task", e.eventId());
            return;
        }
        Task.update("status = ?1 where eventId = ?2 and status = ?3", Task.Status.SUPERSEDED, e.eventId(), Task.Status.RESOLVED);
        Router.Decision d = router.route(e.category(), e.gridCode(), e.communityCode(), e.streetCode());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Task t = new Task();
        t.id = UUID.randomUUID();
        t.eventId = e.eventId();
        t.category = e.category();
        t.gridCode = e.gridCode();
        t.handlerUnit = d.handlerUnit();
        t.tier = d.tier().name();
        t.rule = d.rule();
        t.reason = d.reason();
        t.status = Task.Status.OPEN;
        t.dispatchedAt = now;
        t.deadline = calendars.current().deadline(now, d.workingDays());
        t.persist();
        outbox.publish(EventType.TASK_DISPATCHED, e.eventId().toString(), e.eventId().toString(),
                new TaskDispatchedV1(t.id, t.eventId, t.category, t.gridCode, t.handlerUnit, t.tier, t.rule, t.reason,
                        t.dispatchedAt, t.deadline),
                t.handlerUnit);
    }

    private Optional<Task> open(UUID eventId) {
        return latest(eventId, Task.Status.OPEN);
    }

    private Optional<Task> latest(UUID eventId, Task.Status status) {
        return Task.<Task>find("eventId = ?1 and status = ?2 order by dispatchedAt desc", eventId, status).firstResultOptional();
    }
}
