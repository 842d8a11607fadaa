package org.gridgov.escalation.task;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EvidenceV1;
import org.gridgov.common.contract.payload.TaskActionV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.escalation.calendar.Calendars;
import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.escalation.clock.TimeSource;
import org.gridgov.escalation.routing.Router;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What a handler unit does with its task, the same over REST and from a partner department's
 * Kafka reply: accept, add progress, return (退回) or resolve; extension requests (延期) decided
 * by a supervisor; assignment by a human dispatcher after repeated returns.
 */
@ApplicationScoped
public class TaskActions {

    @Inject
    DispatchService dispatch;

    @Inject
    TaskFeed feed;

    @Inject
    TimeSource time;

    @Inject
    Calendars calendars;

    @Inject
    EntityManager em;

    @Inject
    Router router;

    @Inject
    org.gridgov.escalation.cooperation.Cooperation cooperation;

    /** returns of one event after which it goes to the human dispatcher queue */
    @Inject
    org.gridgov.escalation.config.EscalationConfig config;

    @Transactional(Transactional.TxType.MANDATORY)
    public Task accept(Task t, String actor, String note) {
        open(t);
        if (t.acceptedAt == null) {
            t.acceptedAt = time.now();
            publish(EventType.TASK_ACCEPTED, t, "ACCEPTED", actor, note, List.of());
        }
        return t;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Task progress(Task t, String actor, String note, List<String> evidence) {
        return progress(t, actor, note, evidence, List.of());
    }

    /** As {@link #progress(Task, String, String, List)}, with evidence files (type, size, SHA-256). */
    public Task progress(Task t, String actor, String note, List<String> evidence, List<EvidenceV1> files) {
        open(t);
        publish(EventType.TASK_PROGRESSED, t, "PROGRESSED", actor, note, evidence, files);
        return t;
    }

    /**
     * The handler reports it solved; event-service records the resolution and the clock stops when it announces it.
     * With parts of cooperating departments (联动) not done, only with {@code openPartsReason} (409 otherwise).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Task resolve(Task t, String actor, String note, List<String> evidence, List<EvidenceV1> files, String openPartsReason) {
        open(t);
        String reason = cooperation.checkResolvable(t, openPartsReason);
        feed.publish(EventType.TASK_RESOLVED, t, new TaskActionV1(t.id, t.eventId, t.handlerUnit, "RESOLVED", actor, note,
                evidence == null ? List.of() : evidence, time.now(), files == null ? List.of() : files,
                reason));
        return t;
    }

    /**
     * 退回: the unit says the task is not theirs. It is routed again at the same tier, passing over
     * every unit that returned it; after {@code maxReturns} returns, or when no unit is left, it
     * waits for a human dispatcher.
     *
     * @return the task that now holds the event
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Task giveBack(Task t, String actor, String reason) {
        open(t);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "a return needs a reason");
        }
        t.status = Task.Status.RETURNED;
        publish(EventType.TASK_RETURNED, t, "RETURNED", actor, reason, List.of());
        Task.flush();
        @SuppressWarnings("unchecked")
        List<String> returned = em.createNativeQuery("select handler_unit from task where event_id = :e and status = 'RETURNED'")
                .setParameter("e", t.eventId).getResultList();
        Set<String> excluded = new HashSet<>(returned);
        Task next = returned.size() >= config.maxReturns() ? null
                : dispatch.create(t.eventId, t.category, t.gridCode, DispatchService.communityOf(t.gridCode, null),
                        DispatchService.streetOf(t.gridCode, null), Router.Tier.valueOf(t.tier), t,
                        "returned by " + t.handlerUnit + ": " + reason, "REROUTE", excluded);
        if (next != null) {
            return next;
        }
        Task q = new Task();
        q.id = UUID.randomUUID();
        q.eventId = t.eventId;
        q.category = t.category;
        q.gridCode = t.gridCode;
        q.handlerUnit = DispatchService.DISPATCHER;
        q.tier = t.tier;
        q.rule = "dispatcher-queue";
        q.reason = "returned " + returned.size() + " time(s) (" + String.join(", ", returned) + "): a dispatcher decides";
        q.status = Task.Status.NEEDS_DISPATCHER;
        q.dispatchedAt = time.now();
        q.deadline = t.deadline;
        q.warnAt = t.warnAt;
        q.escalatedFrom = t.id;
        q.kind = "QUEUE";
        q.persist();
        return q;
    }

    /** A dispatcher gives a queued task to a unit, with a fresh deadline for its tier. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Task assign(Task queued, String handlerUnit, String actor) {
        if (queued.status != Task.Status.NEEDS_DISPATCHER) {
            throw ProblemException.conflict("the task is " + queued.status + "; only a task waiting for a dispatcher is assigned");
        }
        if (!handlerUnit.matches("(GRID|COMMUNITY|STREET):\\d{9,15}|DEPT:[a-z0-9-]+")) {
            throw ProblemException.invalid("handlerUnit", "must be GRID:<code>, COMMUNITY:<code>, STREET:<code> or DEPT:<department>");
        }
        // a shared department, or one of the task's county
        if (handlerUnit.startsWith("DEPT:") && em.createNativeQuery("select 1 from department where code = :c "
                + "and (county is null or county = :county)").setParameter("c", handlerUnit.substring(5))
                .setParameter("county", String.valueOf(org.gridgov.common.security.Jurisdiction.countyOf(queued.gridCode)))
                .getResultList().isEmpty()) {
            throw ProblemException.invalid("handlerUnit", "unknown department " + handlerUnit.substring(5)
                    + " (a task goes to a shared department or one of its county)");
        }
        queued.status = Task.Status.SUPERSEDED;
        Task.flush();
        OffsetDateTime now = time.now();
        Task t = new Task();
        t.id = UUID.randomUUID();
        t.eventId = queued.eventId;
        t.category = queued.category;
        t.gridCode = queued.gridCode;
        t.handlerUnit = handlerUnit;
        t.tier = queued.tier;
        t.rule = "assigned-by-dispatcher";
        t.reason = "assigned by " + actor;
        t.status = Task.Status.OPEN;
        t.dispatchedAt = now;
        dispatch.clock(t, calendars.of(t.gridCode).deadline(now, router.limitDays(Router.Tier.valueOf(t.tier))));
        t.escalatedFrom = queued.id;
        t.kind = "ASSIGNMENT";
        t.persist();
        dispatch.announce(t, "DISPATCHER");
        return t;
    }

    public record Extension(UUID id, UUID taskId, int workingDays, String reason, String requestedBy, OffsetDateTime requestedAt,
            String status, String decidedBy, OffsetDateTime decidedAt, String note) {
        /** the CloudEvent payload announcing the request or its decision */
        org.gridgov.common.contract.payload.TaskExtensionV1 fact(Task t) {
            return new org.gridgov.common.contract.payload.TaskExtensionV1(id, taskId, t.eventId, t.handlerUnit, workingDays, reason,
                    requestedBy, requestedAt, status, decidedBy, decidedAt, note, t.deadline);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Extension requestExtension(Task t, int workingDays, String reason, String actor) {
        open(t);
        if (!em.createNativeQuery("select 1 from extension_request where task_id = :t and status = 'PENDING'").setParameter("t", t.id)
                .getResultList().isEmpty()) {
            throw ProblemException.conflict("task " + t.id + " already has a pending extension request");
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = time.now();
        em.createNativeQuery("insert into extension_request (id, task_id, working_days, reason, requested_by, requested_at, status) "
                + "values (:id, :t, :d, :r, :by, :at, 'PENDING')").setParameter("id", id).setParameter("t", t.id)
                .setParameter("d", workingDays).setParameter("r", reason).setParameter("by", actor).setParameter("at", now).executeUpdate();
        Extension requested = new Extension(id, t.id, workingDays, reason, actor, now, "PENDING", null, null, null);
        feed.publish(EventType.TASK_EXTENSION_REQUESTED, t, requested.fact(t));
        return requested;
    }

    /** A supervisor approves (the deadline moves by the working days asked) or refuses a pending request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Extension decide(Task t, UUID requestId, boolean approved, String note, String actor) {
        List<?> rows = em.createNativeQuery("select working_days, reason, requested_by, requested_at, status "
                + "from extension_request where id = :id and task_id = :t for update").setParameter("id", requestId)
                .setParameter("t", t.id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("extension request " + requestId);
        }
        Object[] r = (Object[]) rows.get(0);
        if (!"PENDING".equals(r[4])) {
            throw ProblemException.conflict("the request is already " + r[4]);
        }
        int days = ((Number) r[0]).intValue();
        OffsetDateTime now = time.now();
        em.createNativeQuery("update extension_request set status = :s, decided_by = :by, decided_at = :at, note = :n where id = :id")
                .setParameter("s", approved ? "APPROVED" : "REFUSED").setParameter("by", actor).setParameter("at", now)
                .setParameter("n", note).setParameter("id", requestId).executeUpdate();
        if (approved) {
            open(t);
            LocalDate lastDay = t.deadline.atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate().minusDays(1);
            OffsetDateTime moved = calendars.of(t.gridCode).addWorkingDays(lastDay, days).plusDays(1).atStartOfDay(WorkingCalendar.ZONE)
                    .toOffsetDateTime();
            dispatch.clock(t, moved);
            if (t.warnAt.isAfter(now)) {
                t.warnedAt = null;
            }
            t.overdueAt = null;
        }
        Extension decided = new Extension(requestId, t.id, days, (String) r[1], (String) r[2],
                org.gridgov.common.tx.Transactions.offset(r[3]), approved ? "APPROVED" : "REFUSED", actor, now, note);
        feed.publish(EventType.TASK_EXTENSION_DECIDED, t, decided.fact(t));
        if (approved) {
            feed.publish(EventType.TASK_DEADLINE_CHANGED, t, new TaskDeadlineV1(t.id, t.eventId, t.handlerUnit, org.gridgov.common.contract.Tier.valueOf(t.tier), t.dispatchedAt,
                    t.deadline, now, TaskDeadlineV1.EXTENSION));
        }
        return decided;
    }

    private static void open(Task t) {
        if (t.status != Task.Status.OPEN) {
            throw ProblemException.conflict("the task is " + t.status + "; only an open task can be acted on");
        }
    }

    private void publish(EventType type, Task t, String action, String actor, String note, List<String> evidence) {
        publish(type, t, action, actor, note, evidence, List.of());
    }

    private void publish(EventType type, Task t, String action, String actor, String note, List<String> evidence, List<EvidenceV1> files) {
        feed.publish(type, t, new TaskActionV1(t.id, t.eventId, t.handlerUnit, action, actor, note,
                evidence == null ? List.of() : evidence, time.now(), files == null ? List.of() : files));
    }
}
