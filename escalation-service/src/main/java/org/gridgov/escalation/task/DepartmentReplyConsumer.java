package org.gridgov.escalation.task;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.DepartmentReplyV1;
import org.gridgov.common.contract.payload.EvidenceV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;
import org.gridgov.common.messaging.RejectedMessage;
import org.gridgov.common.messaging.TopicBootstrap;
import org.gridgov.common.problem.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Replies from partner departments, each on its own topic {@code gridgov.dept.<code>.reply.v1}:
 * the same actions as the REST API. Only the department may write its topic (a Kafka ACL), so the
 * topic names the sender; a reply whose {@code departmentCode} names another department is
 * refused. A reply from an unknown department, about an event the department holds no open task
 * of, of an unknown type, or that the task's state refuses, goes to
 * {@code gridgov.dlt.escalation-service.department-replies} with the reason. The department
 * topics are created with the departments ({@link #ensureTopics}); a topic created later is read
 * within {@code gridgov.messaging.consumer.pattern-refresh}.
 */
@ApplicationScoped
public class DepartmentReplyConsumer {
    public static final String NAME = "escalation-service.department-replies";
    /** evidence files per reply at most, as event-service takes at most per step */
    static final int MAX_FILES = 9;

    @Inject
    TaskActions actions;

    @Inject
    EntityManager em;

    @Inject
    TopicBootstrap topics;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        ensureTopics();
        consumers.subscribe(NAME, Topics.DEPARTMENT_REPLY_TOPICS, Handlers.create()
                .onEvery(Topics.DEPARTMENT_REPLIES, DepartmentReplyV1.class, (reply, envelope) -> handle(envelope.topic(), envelope.type(), reply))
                .rejectingOthers("invalid action"));
    }

    /** Each department's task and reply topics, where the service creates topics itself (local run, tests). */
    void ensureTopics() {
        List<String> codes = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select code from department order by code",
                String.class).getResultList());
        topics.ensure(codes.stream().flatMap(c -> Topics.departmentSpecs(c).stream()).toList());
    }

    void handle(String topic, EventType type, DepartmentReplyV1 r) {
        String sender = Topics.departmentOfReplies(topic);
        if (sender == null || em.createNativeQuery("select 1 from department where code = :c")
                .setParameter("c", sender).getResultList().isEmpty()) {
            throw new RejectedMessage("unknown department " + sender);
        }
        if (r.departmentCode() != null && !r.departmentCode().equals(sender)) {
            throw new RejectedMessage("a reply on " + topic + " is from department " + sender + ", not " + r.departmentCode());
        }
        String unit = "DEPT:" + sender;
        Task t = r.eventId() == null ? null : Task.<Task>find("eventId = ?1 and status = ?2 and handlerUnit = ?3", r.eventId(),
                Task.Status.OPEN, unit).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (t == null) {
            throw new RejectedMessage("unknown event or no open task of " + unit + " for event " + r.eventId());
        }
        if (r.taskId() != null && !r.taskId().equals(t.id)) {
            throw new RejectedMessage("task " + r.taskId() + " is not the open task of " + unit + " for event " + r.eventId());
        }
        // what a reply carries travels on in task facts: bounded as the REST actions are, far below a Kafka message
        if (r.note() != null && r.note().length() > 2000) {
            throw new RejectedMessage("invalid note: at most 2000 characters");
        }
        if (r.evidence() != null && (r.evidence().size() > MAX_FILES || r.evidence().stream().anyMatch(u -> u == null || u.length() > 1000))) {
            throw new RejectedMessage("invalid evidence: at most " + MAX_FILES + " URLs of at most 1000 characters");
        }
        List<EvidenceV1> files = r.evidenceFiles() == null ? List.of() : r.evidenceFiles();
        if (files.size() > MAX_FILES) {
            throw new RejectedMessage("invalid evidenceFiles: at most " + MAX_FILES + " files");
        }
        for (int i = 0; i < files.size(); i++) {
            String wrong = files.get(i) == null ? "must not be null" : files.get(i).invalid();
            if (wrong != null) {
                throw new RejectedMessage("invalid evidenceFiles[" + i + "]: " + wrong);
            }
        }
        try {
            switch (type) {
                case DEPARTMENT_ACCEPTED -> actions.accept(t, unit, r.note());
                case DEPARTMENT_PROGRESSED -> actions.progress(t, unit, r.note(), r.evidence(), files);
                case DEPARTMENT_RESOLVED -> actions.resolve(t, unit, r.note(), r.evidence(), files);
                case DEPARTMENT_RETURNED -> actions.giveBack(t, unit, r.note());
                default -> throw new RejectedMessage("invalid action " + type.type());
            }
        } catch (ProblemException e) {
            throw new RejectedMessage("invalid action: " + e.getMessage());
        }
    }
}
