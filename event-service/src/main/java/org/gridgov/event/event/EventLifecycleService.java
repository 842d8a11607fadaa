package org.gridgov.event.event;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.TaskActionV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.contract.payload.VisitProblemFoundV1;
import org.gridgov.common.messaging.Outbox;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.replica.GridLocator;
import org.gridgov.event.replica.GridReplica;
import org.jboss.logging.Logger;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The life of an event. Every transition changes the row, appends to the timeline and records
 * the announcing CloudEvent in the outbox, all in one transaction.
 */
@ApplicationScoped
public class EventLifecycleService {
    private static final Logger LOG = Logger.getLogger(EventLifecycleService.class);

    @Inject
    Outbox outbox;

    @Inject
    GridLocator locator;

    public record Reported(EventRecord event, boolean created) {
    }

    @Transactional
    public Reported report(Requests.Report req, String reporter, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<EventRecord> earlier = earlier(reporter, idempotencyKey);
            if (earlier.isPresent()) {
                return new Reported(earlier.get(), false);
            }
        }
        if (req.location() == null && (req.address() == null || req.address().isBlank())) {
            throw ProblemException.invalid("location", "a location (latitude, longitude) or an address is required");
        }
        EventRecord e = newEvent(req.category(), req.description().strip(), req.channel() == null ? "APP" : req.channel(),
                reporter, idempotencyKey, now());
        if (req.location() != null) {
            e.latitude = req.location().latitude();
            e.longitude = req.location().longitude();
        }
        e.address = req.address();
        Optional<GridReplica> grid = e.latitude == null ? Optional.empty() : locator.locate(e.longitude, e.latitude);
        grid.ifPresent(g -> place(e, g));
        e.persist();
        record(e, Transition.REPORT, null, reporter,
                grid.map(g -> "located to " + g.code + " " + g.name).orElse("not located yet"));
        return new Reported(e, true);
    }

    /**
     * A problem found on a household visit (from grid-service): one event per problem id, placed in
     * the visited household's grid, reported by the visitor.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reported reportFromVisit(VisitProblemFoundV1 p) {
        String key = "visit-problem:" + p.problemId();
        Optional<EventRecord> earlier = earlier(p.visitorId(), key);
        if (earlier.isPresent()) {
            return new Reported(earlier.get(), false);
        }
        EventRecord e = newEvent(p.category(), p.description(), "VISIT", p.visitorId(), key,
                p.foundAt() == null ? now() : p.foundAt());
        e.latitude = p.latitude();
        e.longitude = p.longitude();
        e.address = p.address();
        e.gridCode = p.gridCode();
        e.communityCode = p.communityCode();
        e.streetCode = p.streetCode();
        e.persist();
        record(e, Transition.REPORT, null, p.visitorId(), "found on a household visit in grid " + p.gridCode());
        return new Reported(e, true);
    }

    /** The event a reporter already created with this idempotency key, if any. */
    private static Optional<EventRecord> earlier(String reporter, String idempotencyKey) {
        return EventRecord.find("reporterId = ?1 and idempotencyKey = ?2", reporter, idempotencyKey).firstResultOptional();
    }

    /** A new event in state REPORTED, not yet placed or stored. */
    private static EventRecord newEvent(String category, String description, String channel, String reporter, String idempotencyKey,
            OffsetDateTime reportedAt) {
        EventRecord e = new EventRecord();
        e.id = UUID.randomUUID();
        e.category = category;
        e.description = description;
        e.channel = channel;
        e.reporterId = reporter;
        e.idempotencyKey = idempotencyKey;
        e.status = EventStatus.REPORTED;
        e.reportedAt = reportedAt;
        e.updatedAt = now();
        return e;
    }

    /** Locates events that arrived before their grid was known. Runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int locateWaiting() {
        List<EventRecord> waiting = EventRecord.find("gridCode is null and latitude is not null and status in ?1",
                Sort.by("reportedAt"), List.of(EventStatus.REPORTED, EventStatus.REOPENED)).page(0, 1000).list();
        int located = 0;
        for (EventRecord e : waiting) {
            Optional<GridReplica> g = locator.locate(e.longitude, e.latitude);
            if (g.isPresent()) {
                place(e, g.get());
                e.updatedAt = now();
                record(e, Transition.LOCATE, e.status, "event-service", "located to " + g.get().code + " " + g.get().name);
                located++;
            }
        }
        return located;
    }

    /** A handler unit got the task (from escalation-service). Duplicates and stale dispatches are ignored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dispatched(TaskDispatchedV1 task) {
        EventRecord e = EventRecord.findById(task.eventId(), LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            LOG.warnf("dispatch for unknown event %s ignored", task.eventId());
            return;
        }
        boolean escalation = task.escalatedFrom() != null && Transition.ESCALATE.allowedFrom(e.status);
        if (!escalation && !Transition.DISPATCH.allowedFrom(e.status)) {
            LOG.infof("dispatch of %s while %s ignored", e.id, e.status);
            return;
        }
        e.handlerUnit = task.handlerUnit();
        e.deadline = task.deadline();
        String coop = task.cooperatingUnits() == null || task.cooperatingUnits().isEmpty() ? "" : " with " + task.cooperatingUnits();
        Transition t = !escalation ? Transition.DISPATCH : "ESCALATION".equals(task.kind()) || task.kind() == null
                ? Transition.ESCALATE : Transition.REASSIGN;
        record(e, t, e.status, "escalation-service",
                (escalation ? "escalated from " + task.escalatedFrom() + " to " : "dispatched to ") + task.handlerUnit() + coop
                        + " (" + task.tier() + "), due " + task.deadline() + "; " + task.reason());
    }

    /**
     * What the handler unit did with its task, as escalation-service announces it (the same for
     * REST and partner departments' Kafka replies). A fact the event's state no longer allows is
     * ignored, as a late duplicate would be.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void taskAction(EventType type, TaskActionV1 a) {
        EventRecord e = EventRecord.findById(a.eventId(), LockModeType.PESSIMISTIC_WRITE);
        Transition t = switch (type) {
            case TASK_ACCEPTED -> Transition.HANDLER_ACCEPT;
            case TASK_PROGRESSED -> Transition.PROGRESS;
            case TASK_RETURNED -> Transition.RETURN;
            case TASK_RESOLVED -> Transition.RESOLVE;
            default -> null;
        };
        if (e == null || t == null || !t.allowedFrom(e.status)) {
            LOG.infof("%s for event %s ignored (%s)", type, a.eventId(), e == null ? "unknown event" : e.status);
            return;
        }
        if (t == Transition.RESOLVE) {
            e.resolvedAt = now();
        }
        String evidence = a.evidence() == null || a.evidence().isEmpty() ? "" : " [evidence: " + String.join(", ", a.evidence()) + "]";
        record(e, t, e.status, a.actor() == null ? a.handlerUnit() : a.actor(), (a.note() == null ? "" : a.note()) + evidence);
    }

    /** An approved extension moved the task's deadline. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadlineChanged(TaskDeadlineV1 d) {
        EventRecord e = EventRecord.findById(d.eventId(), LockModeType.PESSIMISTIC_WRITE);
        if (e == null || !Transition.EXTEND.allowedFrom(e.status)) {
            return;
        }
        e.deadline = d.deadline();
        record(e, Transition.EXTEND, e.status, "escalation-service", "deadline moved to " + d.deadline() + " (" + d.handlerUnit() + ")");
    }

    @Transactional
    public EventRecord resolve(UUID id, String actor, String note) {
        EventRecord e = load(id);
        e.resolvedAt = now();
        return record(e, Transition.RESOLVE, e.status, actor, note);
    }

    @Transactional
    public EventRecord verify(UUID id, String actor, boolean passed, String note) {
        EventRecord e = load(id);
        return record(e, passed ? Transition.VERIFY : Transition.REWORK, e.status, actor, note);
    }

    @Transactional
    public EventRecord followUp(UUID id, String actor, boolean operator, Satisfaction satisfaction, String comment) {
        EventRecord e = load(id);
        if (!operator && !e.reporterId.equals(actor)) {
            throw ProblemException.forbidden("only the reporter or a follow-up operator rates an event");
        }
        e.satisfaction = satisfaction.name();
        record(e, Transition.FOLLOW_UP, e.status, actor, satisfaction + (comment == null ? "" : ": " + comment));
        if (satisfaction == Satisfaction.DISSATISFIED) {
            e.resolvedAt = null;
            return record(e, Transition.REOPEN, e.status, actor, "the reporter is not satisfied");
        }
        e.closedAt = now();
        return record(e, Transition.CLOSE, e.status, "event-service", "closed after follow-up");
    }

    public EventRecord load(UUID id) {
        EventRecord e = EventRecord.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw ProblemException.notFound("event " + id);
        }
        return e;
    }

    public List<TimelineEntry> timeline(UUID id) {
        return TimelineEntry.list("eventId", Sort.by("id"), id);
    }

    private static void place(EventRecord e, GridReplica g) {
        e.gridCode = g.code;
        e.communityCode = g.communityCode;
        e.streetCode = g.streetCode;
    }

    /** Applies the transition, appends the timeline entry and announces it through the outbox. */
    private EventRecord record(EventRecord e, Transition t, EventStatus from, String actor, String note) {
        EventStatus to = t == Transition.REPORT ? EventStatus.REPORTED : t.apply(e.status);
        OffsetDateTime at = now();
        e.status = to;
        e.updatedAt = at;
        TimelineEntry s = new TimelineEntry();
        s.eventId = e.id;
        s.action = t;
        s.fromStatus = from;
        s.toStatus = to;
        s.actor = actor;
        s.note = note;
        s.at = at;
        s.persist();
        Boolean onTime = e.deadline == null || e.resolvedAt == null ? null : !e.resolvedAt.isAfter(e.deadline);
        outbox.publish(t.announcedAs(), e.id.toString(), e.id.toString(), new EventLifecycleV1(e.id, to.name(),
                from == null ? null : from.name(), e.category, e.channel, e.latitude, e.longitude, e.gridCode,
                e.communityCode, e.streetCode, e.reporterId, actor, note, e.handlerUnit, e.deadline, e.satisfaction,
                onTime, e.reportedAt, at));
        return e;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
