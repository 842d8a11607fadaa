package org.gridgov.common.contract;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.contract.payload.GridUpsertedV1;
import org.gridgov.common.contract.payload.PointsCreditedV1;
import org.gridgov.common.contract.payload.DepartmentReplyV1;
import org.gridgov.common.contract.payload.PartnerReportV1;
import org.gridgov.common.contract.payload.PersonUpsertedV1;
import org.gridgov.common.contract.payload.SupervisionNoticeV1;
import org.gridgov.common.contract.payload.TaskActionV1;
import org.gridgov.common.contract.payload.TaskExtensionV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.contract.payload.VisitProblemFoundV1;
import org.gridgov.common.contract.payload.VisitRecordedV1;
import org.gridgov.common.contract.payload.CoverageReachedV1;
import org.gridgov.common.contract.payload.CalendarYearSetV1;
import org.gridgov.common.contract.payload.CooperationPartV1;

/**
 * Every CloudEvents {@code type} the suite emits, with its topic and payload schema. The version
 * suffix of the type is the payload's version: a breaking payload change gets a new type.
 */
public enum EventType {
    GRID_UPSERTED(Topics.GRID_REGISTRY, "org.gridgov.grid.upserted.v1", GridUpsertedV1.class),
    /** a person serving grids, with role and cadre class (key {@code person:<id>} on the compacted registry topic) */
    PERSON_UPSERTED(Topics.GRID_REGISTRY, "org.gridgov.grid.person-upserted.v1", PersonUpsertedV1.class),
    VISIT_PROBLEM_FOUND(Topics.GRID_VISITS, "org.gridgov.grid.visit-problem-found.v1", VisitProblemFoundV1.class),
    VISIT_RECORDED(Topics.GRID_VISITS, "org.gridgov.grid.visit-recorded.v1", VisitRecordedV1.class),
    COVERAGE_REACHED(Topics.GRID_VISITS, "org.gridgov.grid.coverage-reached.v1", CoverageReachedV1.class),

    EVENT_REPORTED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.reported.v1", EventLifecycleV1.class),
    EVENT_LOCATED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.located.v1", EventLifecycleV1.class),
    /** 立案: accepted as a valid case; escalation-service dispatches it (unless it was solved on the spot) */
    EVENT_ACCEPTED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.accepted.v1", EventLifecycleV1.class),
    /** not accepted (out of scope, not a real problem); the note says why; final */
    EVENT_REJECTED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.rejected.v1", EventLifecycleV1.class),
    /** a duplicate linked to the first report of the same problem ({@code mergedInto}); final */
    EVENT_MERGED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.merged.v1", EventLifecycleV1.class),
    /** 即办件: the grid worker fixed it when reporting it, with evidence */
    EVENT_SOLVED_ON_SPOT(Topics.EVENT_LIFECYCLE, "org.gridgov.event.solved-on-spot.v1", EventLifecycleV1.class),
    EVENT_DISPATCHED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.dispatched.v1", EventLifecycleV1.class),
    EVENT_ESCALATED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.escalated.v1", EventLifecycleV1.class),
    EVENT_HANDLER_ACCEPTED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.handler-accepted.v1", EventLifecycleV1.class),
    EVENT_PROGRESSED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.progressed.v1", EventLifecycleV1.class),
    EVENT_RETURNED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.returned.v1", EventLifecycleV1.class),
    EVENT_REASSIGNED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.reassigned.v1", EventLifecycleV1.class),
    EVENT_DEADLINE_EXTENDED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.deadline-extended.v1", EventLifecycleV1.class),
    EVENT_RESOLVED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.resolved.v1", EventLifecycleV1.class),
    EVENT_VERIFIED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.verified.v1", EventLifecycleV1.class),
    EVENT_REWORK_REQUESTED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.rework-requested.v1", EventLifecycleV1.class),
    EVENT_FOLLOWED_UP(Topics.EVENT_LIFECYCLE, "org.gridgov.event.followed-up.v1", EventLifecycleV1.class),
    EVENT_REOPENED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.reopened.v1", EventLifecycleV1.class),
    EVENT_CLOSED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.closed.v1", EventLifecycleV1.class),
    // item types (#20.4): 补办件 and 挂账 stop and restart the task's clock
    EVENT_MATERIAL_REQUESTED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.material-requested.v1", EventLifecycleV1.class),
    EVENT_MATERIAL_WAIT_ENDED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.material-wait-ended.v1", EventLifecycleV1.class),
    EVENT_PARKING_REQUESTED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.parking-requested.v1", EventLifecycleV1.class),
    EVENT_PARKED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.parked.v1", EventLifecycleV1.class),
    EVENT_PARKING_REFUSED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.parking-refused.v1", EventLifecycleV1.class),
    EVENT_UNPARKED(Topics.EVENT_LIFECYCLE, "org.gridgov.event.unparked.v1", EventLifecycleV1.class),

    TASK_DISPATCHED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-dispatched.v1", TaskDispatchedV1.class),
    TASK_WARNING(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-warning.v1", TaskDeadlineV1.class),
    TASK_OVERDUE(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-overdue.v1", TaskDeadlineV1.class),
    TASK_DEADLINE_CHANGED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-deadline-changed.v1", TaskDeadlineV1.class),
    TASK_ACCEPTED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-accepted.v1", TaskActionV1.class),
    TASK_PROGRESSED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-progressed.v1", TaskActionV1.class),
    TASK_RETURNED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-returned.v1", TaskActionV1.class),
    TASK_RESOLVED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-resolved.v1", TaskActionV1.class),
    /** 督办: a supervisor's notice to the handler unit, before or after the deadline */
    TASK_SUPERVISED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-supervised.v1", SupervisionNoticeV1.class),
    /** 延期 asked for by the handler unit */
    TASK_EXTENSION_REQUESTED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-extension-requested.v1", TaskExtensionV1.class),
    /** 延期 approved or refused by a supervisor (an approval is followed by task-deadline-changed) */
    TASK_EXTENSION_DECIDED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.task-extension-decided.v1", TaskExtensionV1.class),
    /** 联动: a cooperating department accepted its part of a task another unit leads */
    COOPERATION_ACCEPTED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.cooperation-accepted.v1", CooperationPartV1.class),
    /** 联动: a cooperating department reported progress on its part, with evidence */
    COOPERATION_PROGRESSED(Topics.ESCALATION_TASKS, "org.gridgov.escalation.cooperation-progressed.v1", CooperationPartV1.class),
    /** 联动: a cooperating department reported its part done */
    COOPERATION_DONE(Topics.ESCALATION_TASKS, "org.gridgov.escalation.cooperation-done.v1", CooperationPartV1.class),

    PARTNER_REPORT_SUBMITTED(Topics.PARTNER_REPORTS, "org.gridgov.partner.report-submitted.v1", PartnerReportV1.class),

    DEPARTMENT_ACCEPTED(Topics.DEPARTMENT_REPLIES, "org.gridgov.department.accepted.v1", DepartmentReplyV1.class),
    DEPARTMENT_PROGRESSED(Topics.DEPARTMENT_REPLIES, "org.gridgov.department.progressed.v1", DepartmentReplyV1.class),
    DEPARTMENT_RETURNED(Topics.DEPARTMENT_REPLIES, "org.gridgov.department.returned.v1", DepartmentReplyV1.class),
    DEPARTMENT_RESOLVED(Topics.DEPARTMENT_REPLIES, "org.gridgov.department.resolved.v1", DepartmentReplyV1.class),

    POINTS_CREDITED(Topics.SCORING_POINTS, "org.gridgov.scoring.points-credited.v1", PointsCreditedV1.class),
    /** a year of the working calendar (holidays, 调休) was set in escalation-service; event-service counts its limits with it */
    CALENDAR_YEAR_SET(Topics.ESCALATION_CALENDAR, "org.gridgov.escalation.calendar-year-set.v1", CalendarYearSetV1.class);

    private final String topic;
    private final String type;
    private final Class<?> payloadClass;

    EventType(String topic, String type, Class<?> payloadClass) {
        this.topic = topic;
        this.type = type;
        this.payloadClass = payloadClass;
    }

    public String topic() {
        return topic;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public Class<?> payloadClass() {
        return payloadClass;
    }

    /** The CloudEvents {@code dataschema} attribute; the JSON Schema lives in docs/schemas. */
    public URI dataSchema() {
        return URI.create("urn:gridgov:schema:" + payloadClass.getSimpleName());
    }

    private static final java.util.Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(EventType::type, t -> t));

    public static Optional<EventType> ofType(String ceType) {
        return Optional.ofNullable(ceType == null ? null : BY_TYPE.get(ceType));
    }
}
