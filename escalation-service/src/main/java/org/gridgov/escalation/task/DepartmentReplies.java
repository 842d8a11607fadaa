package org.gridgov.escalation.task;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.DepartmentReplyV1;
import org.gridgov.common.contract.payload.EvidenceV1;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.escalation.cooperation.Cooperation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * A department's reply about its task ({@link DepartmentReplyV1}), however it came: on the
 * department's Kafka reply topic ({@link DepartmentReplyConsumer}) or signed over REST
 * ({@code org.gridgov.escalation.department.DepartmentReplyResource}). The sender is what the
 * channel proves (the topic only the department may write, or the department's HMAC secret),
 * never the payload: a reply naming another department, about an event the sender holds no open
 * task of, or of a task that is not that open task, is refused, as are oversized notes and bad
 * evidence. The same checks and actions for both channels. A department cooperating (联动) on the event's open
 * task another unit leads replies about its own part ({@link Cooperation}): accepted, progressed, resolved (its part
 * done); it cannot return or resolve the lead's task. A lead's resolved reply while parts are not done needs
 * {@code openPartsReason}.
 */
@ApplicationScoped
public class DepartmentReplies {
    /** evidence files per reply at most, as event-service takes at most per step */
    static final int MAX_FILES = 9;

    @Inject
    TaskActions actions;

    @Inject
    EntityManager em;

    @Inject
    Cooperation cooperation;

    /**
     * The open task the reply is about, locked.
     *
     * @param sender the department the channel proves
     * @param via    how the reply came, for the reasons given back ("on gridgov.dept.police.reply.v1")
     * @throws ProblemException 404 for an unknown department or no such open task of the sender,
     *                          403 when the payload names another department, 400 naming the field
     */
    public Task target(String sender, String via, DepartmentReplyV1 r) {
        if (sender == null || em.createNativeQuery("select 1 from department where code = :c")
                .setParameter("c", sender).getResultList().isEmpty()) {
            throw new ProblemException(404, "Not found", "unknown department " + sender, null);
        }
        if (r.departmentCode() != null && !r.departmentCode().equals(sender)) {
            throw ProblemException.forbidden("a reply " + via + " is from department " + sender + ", not " + r.departmentCode());
        }
        String unit = unit(sender);
        Task t = r.eventId() == null ? null : Task.<Task>find("eventId = ?1 and status = ?2 and handlerUnit = ?3", r.eventId(),
                Task.Status.OPEN, unit).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (t == null && r.eventId() != null) {
            // 联动: the event's open task another unit leads and the sender cooperates on
            t = Task.<Task>find("eventId = ?1 and status = ?2", r.eventId(), Task.Status.OPEN).withLock(LockModeType.PESSIMISTIC_WRITE)
                    .firstResultOptional().filter(open -> Cooperation.cooperates(open, sender)).orElse(null);
        }
        if (t == null) {
            throw new ProblemException(404, "Not found", "unknown event or no open task that " + unit + " leads or cooperates on for event "
                    + r.eventId(), null);
        }
        if (r.taskId() != null && !r.taskId().equals(t.id)) {
            throw new ProblemException(404, "Not found", "task " + r.taskId() + " is not the open task of " + unit + " for event "
                    + r.eventId(), null);
        }
        if (r.openPartsReason() != null && r.openPartsReason().length() > org.gridgov.common.problem.OpenParts.MAX_LENGTH) {
            throw ProblemException.invalid("openPartsReason", "at most " + org.gridgov.common.problem.OpenParts.MAX_LENGTH + " characters");
        }
        // what a reply carries travels on in task facts: bounded as the REST actions are, far below a Kafka message
        if (r.note() != null && r.note().length() > 2000) {
            throw ProblemException.invalid("note", "at most 2000 characters");
        }
        if (r.evidence() != null && (r.evidence().size() > MAX_FILES || r.evidence().stream().anyMatch(u -> u == null || u.length() > 1000))) {
            throw ProblemException.invalid("evidence", "at most " + MAX_FILES + " URLs of at most 1000 characters");
        }
        List<EvidenceV1> files = files(r);
        if (files.size() > MAX_FILES) {
            throw ProblemException.invalid("evidenceFiles", "at most " + MAX_FILES + " files");
        }
        for (int i = 0; i < files.size(); i++) {
            String wrong = files.get(i) == null ? "must not be null" : files.get(i).invalid();
            if (wrong != null) {
                throw new ProblemException(400, "Invalid request", "evidenceFiles[" + i + "]: " + wrong,
                        List.of(new Problem.FieldError("evidenceFiles[" + i + "]", wrong)));
            }
        }
        return t;
    }

    /**
     * Applies the reply's action to the task {@link #target} found.
     *
     * @throws ProblemException 400 for a type that is no department reply, or what the action refuses (409 and 400)
     */
    public Task act(Task t, String sender, EventType type, DepartmentReplyV1 r) {
        String unit = unit(sender);
        if (!unit.equals(t.handlerUnit)) {
            // 联动: a cooperating department's reply acts on its own part; it never resolves or returns the lead's task
            switch (type) {
                case DEPARTMENT_ACCEPTED -> cooperation.accept(t, unit, unit, r.note());
                case DEPARTMENT_PROGRESSED -> cooperation.progress(t, unit, unit, r.note(), r.evidence(), files(r));
                case DEPARTMENT_RESOLVED -> cooperation.done(t, unit, unit, r.note(), r.evidence(), files(r));
                case DEPARTMENT_RETURNED -> throw ProblemException.conflict(unit + " cooperates on the task " + t.id + " that " + t.handlerUnit
                        + " leads; a cooperating department does not return it");
                default -> throw ProblemException.invalid("type", type.type() + " is no department reply");
            }
            return t;
        }
        return switch (type) {
            case DEPARTMENT_ACCEPTED -> actions.accept(t, unit, r.note());
            case DEPARTMENT_PROGRESSED -> actions.progress(t, unit, r.note(), r.evidence(), files(r));
            case DEPARTMENT_RESOLVED -> actions.resolve(t, unit, r.note(), r.evidence(), files(r), r.openPartsReason());
            case DEPARTMENT_RETURNED -> actions.giveBack(t, unit, r.note());
            default -> throw ProblemException.invalid("type", type.type() + " is no department reply");
        };
    }

    private static String unit(String sender) {
        return "DEPT:" + sender;
    }

    private static List<EvidenceV1> files(DepartmentReplyV1 r) {
        return r.evidenceFiles() == null ? List.of() : r.evidenceFiles();
    }
}
