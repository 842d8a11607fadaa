package org.gridgov.escalation.cooperation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.CooperationPartV1;
import org.gridgov.common.contract.payload.EvidenceV1;
import org.gridgov.common.problem.OpenParts;
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
 * 联动: the parts of the departments cooperating on a task another unit leads. Each cooperating unit
 * ({@code DEPT:<code>} in the task's {@code cooperating}) has one part: OPEN until it accepts, ACCEPTED
 * while it works (progress with evidence keeps it there), DONE when it reports its part done. Every change is
 * announced in its transaction ({@link TaskFeed}, outbox) as cooperation-accepted, -progressed or -done. The lead
 * resolves only when every part is done, or with a reason why not ({@link #checkResolvable}). The same for REST
 * and for a department's reply on Kafka or its webhook. The caller locks the task.
 */
@ApplicationScoped
public class Cooperation {
    public static final String OPEN = "OPEN";

    /** One cooperating unit's part of a task. */
    public record Part(String unit, String status, OffsetDateTime acceptedAt, OffsetDateTime doneAt, OffsetDateTime updatedAt,
            String updatedBy, String note) {
        boolean done() {
            return CooperationPartV1.DONE.equals(status);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    TaskFeed feed;

    @Inject
    TimeSource time;

    /** {@code DEPT:<code>} for a cooperating entry, written with or without the prefix */
    public static String unit(String cooperating) {
        return cooperating.startsWith("DEPT:") ? cooperating : "DEPT:" + cooperating;
    }

    /** the cooperating units of the task, {@code DEPT:<code>}, in the order of the rule */
    public static List<String> units(Task t) {
        return t.cooperating == null ? List.of() : List.copyOf(t.cooperating.stream().map(Cooperation::unit)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** whether {@code department} (a code, or {@code DEPT:<code>}) cooperates on the task */
    public static boolean cooperates(Task t, String department) {
        return department != null && units(t).contains(unit(department));
    }

    /** The parts of a task, one per cooperating unit, OPEN where nothing was done yet. */
    public static List<Part> partsOf(Task t) {
        List<String> units = units(t);
        if (units.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Task.getEntityManager().createNativeQuery("select unit, status, accepted_at, done_at, updated_at, "
                + "updated_by, note from cooperation_part where task_id = :t").setParameter("t", t.id).getResultList();
        Map<String, Part> stored = rows.stream().map(r -> new Part((String) r[0], (String) r[1], Transactions.offset(r[2]),
                Transactions.offset(r[3]), Transactions.offset(r[4]), (String) r[5], (String) r[6]))
                .collect(Collectors.toMap(Part::unit, Function.identity()));
        return units.stream().map(u -> stored.getOrDefault(u, new Part(u, OPEN, null, null, null, null, null))).toList();
    }

    /** the cooperating units whose parts are not done */
    public static List<String> openParts(Task t) {
        return partsOf(t).stream().filter(p -> !p.done()).map(Part::unit).toList();
    }

    /**
     * The lead may resolve: every part is done, or it says why not.
     *
     * @return the reason, when parts are open; null when every part is done
     * @throws ProblemException 409 naming the open parts and the field {@code openPartsReason}
     */
    public String checkResolvable(Task t, String openPartsReason) {
        return OpenParts.check(openParts(t), openPartsReason);
    }

    /** The cooperating unit accepts its part; a part already accepted or done stays as it is (nothing is announced). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Part accept(Task t, String unit, String actor, String note) {
        Part p = part(t, unit);
        if (!OPEN.equals(p.status())) {
            return p;
        }
        return change(t, p, EventType.COOPERATION_ACCEPTED, CooperationPartV1.ACCEPTED, CooperationPartV1.ACCEPTED, actor, note,
                List.of(), List.of());
    }

    /** Progress on the part, with evidence; it accepts an open part. 409 once the part is done. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Part progress(Task t, String unit, String actor, String note, List<String> evidence, List<EvidenceV1> files) {
        Part p = notDone(part(t, unit));
        return change(t, p, EventType.COOPERATION_PROGRESSED, CooperationPartV1.PROGRESSED, CooperationPartV1.ACCEPTED, actor, note,
                evidence, files);
    }

    /** The part is done, with evidence. 409 when it is already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Part done(Task t, String unit, String actor, String note, List<String> evidence, List<EvidenceV1> files) {
        Part p = notDone(part(t, unit));
        return change(t, p, EventType.COOPERATION_DONE, CooperationPartV1.DONE, CooperationPartV1.DONE, actor, note, evidence, files);
    }

    private static Part notDone(Part p) {
        if (p.done()) {
            throw ProblemException.conflict("the part of " + p.unit() + " is done already (" + p.doneAt() + ")");
        }
        return p;
    }

    /** the unit's part of an open task; 409 for a task not open, 404 for a unit without a part */
    private static Part part(Task t, String unit) {
        if (t.status != Task.Status.OPEN) {
            throw ProblemException.conflict("the task is " + t.status + "; only the parts of an open task can be acted on");
        }
        String u = unit(unit);
        return partsOf(t).stream().filter(p -> p.unit().equals(u)).findFirst()
                .orElseThrow(() -> ProblemException.notFound(u + " has no part in task " + t.id));
    }

    private Part change(Task t, Part p, EventType type, String action, String status, String actor, String note, List<String> evidence,
            List<EvidenceV1> files) {
        OffsetDateTime now = time.now();
        OffsetDateTime accepted = p.acceptedAt() != null ? p.acceptedAt() : now;
        OffsetDateTime done = CooperationPartV1.DONE.equals(status) ? now : null;
        em.createNativeQuery("insert into cooperation_part (task_id, unit, status, accepted_at, done_at, updated_at, updated_by, note) "
                + "values (:t, :u, :s, :a, :d, :at, :by, :n) on conflict (task_id, unit) do update set status = excluded.status, "
                + "accepted_at = excluded.accepted_at, done_at = excluded.done_at, updated_at = excluded.updated_at, "
                + "updated_by = excluded.updated_by, note = excluded.note").setParameter("t", t.id).setParameter("u", p.unit())
                .setParameter("s", status).setParameter("a", accepted).setParameter("d", done).setParameter("at", now)
                .setParameter("by", actor).setParameter("n", note).executeUpdate();
        Part changed = new Part(p.unit(), status, accepted, done, now, actor, note);
        List<String> open = new ArrayList<>(openParts(t));
        if (changed.done()) {
            open.remove(changed.unit());
        }
        feed.publish(type, t, new CooperationPartV1(t.id, t.eventId, t.handlerUnit, p.unit(), action, status, actor, note,
                evidence == null ? List.of() : evidence, files == null ? List.of() : files, now, open));
        return changed;
    }
}
