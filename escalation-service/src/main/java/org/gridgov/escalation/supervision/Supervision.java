package org.gridgov.escalation.supervision;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.SupervisionNoticeV1;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.tx.Transactions;
import org.gridgov.escalation.clock.TimeSource;
import org.gridgov.escalation.task.Task;
import org.gridgov.escalation.task.TaskFeed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * 督办: a supervisor's notice to the unit handling an open task, before its deadline (to press a
 * slow item) or after it. The notice is kept and announced in one transaction as
 * {@code task-supervised}: event-service puts it on the event's timeline, the handler's
 * department gets it on its topic or webhook, and the notifications tell the unit's people.
 */
@ApplicationScoped
public class Supervision {

    @Inject
    EntityManager em;

    @Inject
    TimeSource time;

    @Inject
    TaskFeed feed;

    public record NoticeView(UUID id, UUID taskId, String handlerUnit, String issuedBy, OffsetDateTime issuedAt, String note,
            boolean overdue) {
    }

    /** @throws ProblemException 409 unless the task is open (with a unit, its clock running) */
    @Transactional(Transactional.TxType.MANDATORY)
    public NoticeView issue(Task t, String note, String actor) {
        if (t.status != Task.Status.OPEN) {
            throw ProblemException.conflict("the task is " + t.status + "; a supervision notice goes to an open task");
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = time.now();
        String text = note.strip();
        boolean overdue = t.overdueAt != null || !now.isBefore(t.deadline);
        em.createNativeQuery("insert into supervision_notice (id, task_id, issued_by, issued_at, note, handler_unit, overdue) "
                + "values (:id, :t, :by, :at, :n, :u, :o)").setParameter("id", id).setParameter("t", t.id).setParameter("by", actor)
                .setParameter("at", now).setParameter("n", text).setParameter("u", t.handlerUnit).setParameter("o", overdue).executeUpdate();
        feed.publish(EventType.TASK_SUPERVISED, t, new SupervisionNoticeV1(id, t.id, t.eventId, t.handlerUnit, t.tier, actor, now, text,
                t.deadline, overdue));
        return new NoticeView(id, t.id, t.handlerUnit, actor, now, text, overdue);
    }

    public List<NoticeView> notices(UUID taskId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select n.id, n.task_id, coalesce(n.handler_unit, t.handler_unit), n.issued_by, n.issued_at, "
                + "n.note, coalesce(n.overdue, t.overdue_at is not null) from supervision_notice n join task t on t.id = n.task_id "
                + "where n.task_id = :t order by n.issued_at").setParameter("t", taskId).getResultList();
        return rows.stream().map(r -> new NoticeView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], Transactions.offset(r[4]),
                (String) r[5], (Boolean) r[6])).toList();
    }
}
