package org.gridgov.escalation.task;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.DepartmentReplyV1;
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

/**
 * Replies from partner departments, each on its own topic {@code gridgov.dept.<code>.reply.v1}:
 * the same actions as the REST API. Only the department may write its topic (a Kafka ACL), so the
 * topic names the sender; a reply whose {@code departmentCode} names another department is
 * refused. A reply from an unknown department, about an event the department holds no open task
 * of, of an unknown type, or that the task's state refuses, goes to
 * {@code gridgov.dlt.escalation-service.department-replies} with the reason. The checks and
 * actions are {@link DepartmentReplies}, the same for a department replying over REST. The department
 * topics are created with the departments ({@link #ensureTopics}); a topic created later is read
 * within {@code gridgov.messaging.consumer.pattern-refresh}.
 */
@ApplicationScoped
public class DepartmentReplyConsumer {
    public static final String NAME = "escalation-service.department-replies";
    @Inject
    DepartmentReplies replies;

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
        Task t;
        try {
            t = replies.target(sender, "on " + topic, r);
        } catch (ProblemException e) {
            throw new RejectedMessage(e.status() == 400 ? "invalid " + e.getMessage() : e.getMessage());
        }
        try {
            replies.act(t, sender, type, r);
        } catch (ProblemException e) {
            throw new RejectedMessage("invalid action: " + e.getMessage());
        }
    }
}
