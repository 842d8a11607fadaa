package org.gridgov.escalation.task;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.escalation.calendar.Calendars;
import org.gridgov.escalation.clock.TimeSource;
import org.gridgov.escalation.routing.Router;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Dispatch and the SLA clock. Reacts to the event lifecycle: dispatches located events, stops the
 * clock at resolution and restarts it (with the paused time added) on rework; escalates to the
 * next tier on request (上报) or when the deadline passes.
 */
@ApplicationScoped
public class DispatchService {
    private static final Logger LOG = Logger.getLogger(DispatchService.class);
    /** the handler unit of a task waiting in the dispatcher queue */
    static final String DISPATCHER = "DISPATCHER";

    @Inject
    Router router;

    @Inject
    Calendars calendars;

    @Inject
    TaskFeed feed;

    @Inject
    TimeSource time;

    @Inject
    org.gridgov.escalation.config.EscalationConfig config;

    /** the lifecycle steps that start, stop or end a task */
    static final java.util.Set<EventType> HANDLED = java.util.EnumSet.of(EventType.EVENT_ACCEPTED, EventType.EVENT_LOCATED,
            EventType.EVENT_REOPENED, EventType.EVENT_RESOLVED, EventType.EVENT_REWORK_REQUESTED, EventType.EVENT_CLOSED,
            EventType.EVENT_MATERIAL_REQUESTED, EventType.EVENT_PARKED, EventType.EVENT_MATERIAL_WAIT_ENDED, EventType.EVENT_UNPARKED);

    @Transactional(Transactional.TxType.MANDATORY)
    public void on(EventType type, EventLifecycleV1 e) {
        switch (type) {
            case EVENT_ACCEPTED, EVENT_LOCATED, EVENT_REOPENED -> {
                if ((e.gridCode() != null || e.communityCode() != null) && dispatchable(type, e)) {
                    dispatch(e);
                }
            }
            // also a task waiting for the dispatcher: someone solved it meanwhile, nobody needs to decide
            case EVENT_RESOLVED -> open(e.eventId()).or(() -> latest(e.eventId(), Task.Status.NEEDS_DISPATCHER)).ifPresent(t -> {
                t.status = Task.Status.RESOLVED; // the clock stops
                t.resolvedAt = time.now();
            });
            case EVENT_REWORK_REQUESTED -> latest(e.eventId(), Task.Status.RESOLVED).ifPresent(t -> {
                // the clock runs again with the time it was stopped added
                Duration paused = Duration.between(t.resolvedAt, time.now());
                t.deadline = t.deadline.plus(paused);
                t.warnAt = t.warnAt.plus(paused);
                t.status = DISPATCHER.equals(t.handlerUnit) ? Task.Status.NEEDS_DISPATCHER : Task.Status.OPEN;
                t.resolvedAt = null;
                feed.publish(EventType.TASK_DEADLINE_CHANGED, t, deadline(t, TaskDeadlineV1.REWORK));
            });
            // 补办件 and 挂账: the clock stands while the event waits, and runs again with the time it stood added
            case EVENT_MATERIAL_REQUESTED, EVENT_PARKED -> open(e.eventId()).filter(t -> t.pausedAt == null).ifPresent(t -> t.pausedAt = time.now());
            case EVENT_MATERIAL_WAIT_ENDED, EVENT_UNPARKED -> open(e.eventId()).filter(t -> t.pausedAt != null).ifPresent(t -> {
                Duration paused = Duration.between(t.pausedAt, time.now());
                t.deadline = t.deadline.plus(paused);
                t.warnAt = t.warnAt.plus(paused);
                t.pausedAt = null;
                feed.publish(EventType.TASK_DEADLINE_CHANGED, t, deadline(t, TaskDeadlineV1.PAUSE));
            });
            case EVENT_CLOSED -> latest(e.eventId(), Task.Status.RESOLVED).ifPresent(t -> {
                t.status = Task.Status.CLOSED;
                t.closedAt = time.now();
            });
            default -> {
            }
        }
    }

    /**
     * Only cases are dispatched: accepted (立案) or reopened, and located. A report still waiting for
     * 立案 is not, nor an item solved on the spot (即办件).
     */
    static boolean dispatchable(EventType type, EventLifecycleV1 e) {
        if ("IMMEDIATE".equals(e.itemType())) {
            return false;
        }
        return switch (type) {
            case EVENT_LOCATED -> "ACCEPTED".equals(e.status()) || "REOPENED".equals(e.status());
            default -> true;
        };
    }

    void dispatch(EventLifecycleV1 e) {
        if (open(e.eventId()).isPresent()) {
            LOG.debugf("event %s already has an open task", e.eventId());
            return;
        }
        if (latest(e.eventId(), Task.Status.NEEDS_DISPATCHER).isPresent()) {
            LOG.debugf("event %s waits for a dispatcher, who decides where it goes", e.eventId());
            return;
        }
        Task.update("status = ?1 where eventId = ?2 and status = ?3", Task.Status.SUPERSEDED, e.eventId(), Task.Status.RESOLVED);
        Router.Tier tier = Router.firstTier(e.gridCode(), e.communityCode());
        create(e.eventId(), e.category(), e.gridCode(), communityOf(e.gridCode(), e.communityCode()),
                streetOf(e.gridCode(), e.streetCode()), tier, null, null, "DISPATCH", Set.of(),
                "URGENT".equals(e.urgency()) ? e.urgentHours() : null, e.timeLimitDays());
    }

    Task create(UUID eventId, String category, String gridCode, String communityCode, String streetCode, Router.Tier tier,
            Task from, String why, String kind, Set<String> excluded) {
        return create(eventId, category, gridCode, communityCode, streetCode, tier, from, why, kind, excluded, null, null);
    }

    /**
     * Gives the event to the unit the rules choose at the tier, with a fresh deadline, and announces
     * it. The event's own limits (from its category) apply when stricter than the rule's: urgent
     * hours, or fewer working days.
     */
    Task create(UUID eventId, String category, String gridCode, String communityCode, String streetCode, Router.Tier tier,
            Task from, String why, String kind, Set<String> excluded, Integer eventUrgentHours, Integer eventWorkingDays) {
        String county = org.gridgov.common.security.Jurisdiction.countyOf(gridCode != null ? gridCode
                : communityCode != null ? communityCode : streetCode);
        Router.Decision d = router.route(county, category, gridCode, communityCode, streetCode, tier, excluded);
        if (d == null) {
            return null;
        }
        OffsetDateTime now = time.now();
        Task t = new Task();
        t.id = UUID.randomUUID();
        t.eventId = eventId;
        t.category = category;
        t.gridCode = gridCode;
        t.handlerUnit = d.handlerUnit();
        t.tier = d.tier().name();
        t.rule = d.rule();
        t.ruleVersion = d.ruleVersion();
        t.ruleCounty = d.ruleCounty();
        t.reason = why == null ? d.reason() : why + "; " + d.reason();
        t.cooperating = d.cooperatingUnits();
        t.status = Task.Status.OPEN;
        t.dispatchedAt = now;
        Integer hours = eventUrgentHours != null && (d.urgentHours() == null || eventUrgentHours < d.urgentHours()) ? eventUrgentHours
                : d.urgentHours();
        int days = eventWorkingDays != null && d.workingDays() > 0 ? Math.min(eventWorkingDays, d.workingDays()) : d.workingDays();
        clock(t, hours != null ? now.plusHours(hours) : calendars.of(county).deadline(now, days));
        t.escalatedFrom = from == null ? null : from.id;
        t.kind = kind;
        t.persist();
        announce(t, from == null ? null : from.handlerUnit);
        return t;
    }

    void announce(Task t, String previousUnit) {
        feed.publish(EventType.TASK_DISPATCHED, t, new TaskDispatchedV1(t.id, t.eventId, t.category, t.gridCode, t.handlerUnit,
                org.gridgov.common.contract.Tier.valueOf(t.tier), t.rule, t.reason, t.dispatchedAt, t.deadline, t.cooperating, previousUnit,
                t.kind == null ? null : org.gridgov.common.contract.TaskKind.valueOf(t.kind)));
    }

    /** Sets the clock of a task that starts now with the given deadline. */
    void clock(Task t, OffsetDateTime deadline) {
        t.deadline = deadline;
        // counted Monday to Friday only where the year's holidays are not loaded
        t.calendarMissing = !calendars.covers(t.dispatchedAt, deadline);
        t.warnAt = t.dispatchedAt.plus(Duration.ofMillis((long) (Duration.between(t.dispatchedAt, deadline).toMillis() * config.warningShare())));
    }

    /**
     * Hands an open task to the next tier (上报, or automatically when overdue).
     *
     * @throws ProblemException 409 at the top tier or when the task is not open
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Task escalate(Task t, String why) {
        if (t.status != Task.Status.OPEN) {
            throw ProblemException.conflict("the task is " + t.status + "; only an open task is escalated");
        }
        Router.Tier next = Router.Tier.valueOf(t.tier).next();
        if (next == null) {
            throw ProblemException.conflict("the task is already at the top tier (" + t.tier + ")");
        }
        t.status = Task.Status.ESCALATED;
        Task.flush(); // the one-open-task-per-event index sees this task closed before the next one is inserted
        return create(t.eventId, t.category, t.gridCode, communityOf(t.gridCode, null), streetOf(t.gridCode, null), next, t, why,
                "ESCALATION", Set.of());
    }

    /** Publishes a warning for a task that reached the warning share of its time. */
    void warn(Task t) {
        t.warnedAt = time.now();
        feed.publish(EventType.TASK_WARNING, t, deadline(t, null));
    }

    /** Marks a task overdue, announces it and escalates it when a higher tier exists. */
    void overdue(Task t) {
        t.overdueAt = time.now();
        feed.publish(EventType.TASK_OVERDUE, t, deadline(t, null));
        if (Router.Tier.valueOf(t.tier).next() != null) {
            escalate(t, "overdue at " + t.handlerUnit + " (deadline " + t.deadline + ")");
        }
    }

    private TaskDeadlineV1 deadline(Task t, String cause) {
        return new TaskDeadlineV1(t.id, t.eventId, t.handlerUnit, org.gridgov.common.contract.Tier.valueOf(t.tier), t.dispatchedAt, t.deadline,
                time.now(), cause);
    }

    static String communityOf(String grid, String community) {
        return community != null ? community : grid != null && grid.length() >= 12 ? grid.substring(0, 12) : null;
    }

    static String streetOf(String grid, String street) {
        return street != null ? street : grid != null && grid.length() >= 9 ? grid.substring(0, 9) : null;
    }

    public Optional<Task> open(UUID eventId) {
        return latest(eventId, Task.Status.OPEN);
    }

    private Optional<Task> latest(UUID eventId, Task.Status status) {
        return Task.<Task>find("eventId = ?1 and status = ?2 order by dispatchedAt desc", eventId, status).firstResultOptional();
    }

}
