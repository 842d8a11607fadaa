package org.gridgov.escalation.task;

import java.util.LinkedHashSet;
import java.util.Set;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.Payload;
import org.gridgov.common.messaging.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Publishes a task's facts (dispatched, warning, overdue, deadline changed, accepted, progressed,
 * returned, resolved), in the transaction that changed the task: on
 * {@code gridgov.escalation.task.v1} for the suite, and a copy on the own topic of each partner
 * department the task concerns, the lead unit and the cooperating ones (联动). A department's
 * system reads only its own topic ({@link Topics#departmentTasks(String)}), so it never sees
 * another department's tasks. A department configured for a webhook gets the same facts as signed
 * HTTP POSTs instead ({@link org.gridgov.escalation.department.DepartmentWebhooks}).
 */
@ApplicationScoped
public class TaskFeed {
    static final String DEPARTMENT = "DEPT:";

    @Inject
    Outbox outbox;

    @Inject
    org.gridgov.escalation.department.DepartmentWebhooks webhooks;

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(EventType type, Task t, Payload payload) {
        outbox.publish(type, payload, t.handlerUnit);
        for (String department : departments(t)) {
            // a department on a webhook gets the same CloudEvent by HTTP instead of on its topic
            if (!webhooks.enqueue(department, type, payload, t.handlerUnit)) {
                outbox.publishTo(Topics.departmentTasks(department), type, payload, t.handlerUnit);
            }
        }
    }

    /** The codes of the departments the task concerns: its unit's and its cooperating units'. */
    static Set<String> departments(Task t) {
        Set<String> codes = new LinkedHashSet<>();
        if (t.handlerUnit != null && t.handlerUnit.startsWith(DEPARTMENT)) {
            codes.add(t.handlerUnit.substring(DEPARTMENT.length()));
        }
        if (t.cooperating != null) {
            t.cooperating.stream().filter(u -> u.startsWith(DEPARTMENT)).forEach(u -> codes.add(u.substring(DEPARTMENT.length())));
        }
        return codes;
    }
}
