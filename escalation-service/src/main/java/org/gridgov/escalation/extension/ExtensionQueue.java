package org.gridgov.escalation.extension;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.security.Jurisdiction;
import org.gridgov.common.tx.Transactions;
import org.gridgov.escalation.task.TaskScope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The extension requests (延期) a dispatcher or supervisor decides on: the requests of tasks whose place lies inside
 * the caller's jurisdiction (the same rule as deciding one, {@link TaskScope#supervised}), oldest request first.
 * A department's own tasks elsewhere are not in its list: departments ask, the area's supervisors decide.
 */
@ApplicationScoped
public class ExtensionQueue {
    public static final List<String> STATUSES = List.of("PENDING", "APPROVED", "REFUSED");

    /** A request with what the decider needs to see of its task: place, handler, category and the current deadline. */
    public record ExtensionView(UUID id, UUID taskId, UUID eventId, String category, String gridCode, String handlerUnit,
            String tier, OffsetDateTime deadline, int workingDays, String reason, String requestedBy, OffsetDateTime requestedAt,
            String status, String decidedBy, OffsetDateTime decidedAt, String note) {
    }

    @Inject
    EntityManager em;

    public List<ExtensionView> list(Jurisdiction j, String status, int limit) {
        Map<String, Object> params = new HashMap<>();
        String scope = "1 = 1";
        if (!j.unrestricted()) {
            // the task's place (extension_request has no column of these names)
            Jurisdiction.Filter f = j.filter(TaskScope.PLACE_SQL, "xp");
            f.addTo(params);
            scope = f.clause();
        }
        jakarta.persistence.Query q = em.createNativeQuery("select e.id, e.task_id, t.event_id, t.category, t.grid_code, t.handler_unit, "
                + "t.tier, t.deadline, e.working_days, e.reason, e.requested_by, e.requested_at, e.status, e.decided_by, e.decided_at, e.note "
                + "from extension_request e join task t on t.id = e.task_id where e.status = :status and " + scope
                + " order by e.requested_at, e.id limit " + limit);
        q.setParameter("status", status);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new ExtensionView((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4], (String) r[5],
                (String) r[6], Transactions.offset(r[7]), ((Number) r[8]).intValue(), (String) r[9], (String) r[10],
                Transactions.offset(r[11]), (String) r[12], (String) r[13], Transactions.offset(r[14]), (String) r[15])).toList();
    }
}
