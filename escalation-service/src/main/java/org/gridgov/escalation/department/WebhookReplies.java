package org.gridgov.escalation.department;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.DepartmentReplyV1;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.escalation.task.DepartmentReplies;
import org.gridgov.escalation.task.Task;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Replies of departments on webhooks: authenticated by the department's HMAC secret, read as the
 * CloudEvent the Kafka reply topic carries, checked and applied by {@link DepartmentReplies} as a
 * Kafka reply is, once per CloudEvents id (an inbox row, consumer {@value #INBOX}, in the
 * transaction of the action).
 */
@ApplicationScoped
public class WebhookReplies {
    /** the inbox's consumer name for replies over REST */
    static final String INBOX = "escalation-service.department-webhook-replies";

    @Inject
    DepartmentWebhooks webhooks;

    @Inject
    DepartmentReplies replies;

    @Inject
    WebhookConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    /** duplicate: the same CloudEvents id was applied before, and this one had no effect */
    public record Outcome(String id, String type, UUID eventId, UUID taskId, String taskStatus, String handlerUnit, boolean duplicate) {
    }

    /** @throws ProblemException 401 unless the request is signed with the department's webhook secret, recently */
    @Transactional
    public void authenticate(String code, String timestamp, String signature, byte[] body, Instant now) {
        String secret = webhooks.secret(code);
        String refusal = secret == null ? "department " + code + " has no webhook secret"
                : WebhookSignature.refusal(secret, timestamp, signature, body, now, config.replyTolerance());
        if (refusal != null) {
            throw new ProblemException(401, "Unauthorized", refusal, null);
        }
    }

    @Transactional
    public Outcome apply(String code, byte[] body) {
        CloudEvent ce;
        try {
            ce = DepartmentWebhooks.FORMAT.deserialize(body);
        } catch (RuntimeException e) {
            throw ProblemException.invalid("body", "not a CloudEvent in structured mode: " + e.getMessage());
        }
        EventType type = EventType.ofType(ce.getType()).filter(t -> Topics.DEPARTMENT_REPLIES.equals(t.topic()))
                .orElseThrow(() -> ProblemException.invalid("type", "must be one of org.gridgov.department.{accepted,progressed,returned,resolved}.v1"));
        if (ce.getData() == null) {
            throw ProblemException.invalid("data", "a DepartmentReplyV1 is required");
        }
        DepartmentReplyV1 reply;
        try {
            reply = mapper.readValue(ce.getData().toBytes(), DepartmentReplyV1.class);
        } catch (IOException e) {
            throw ProblemException.invalid("data", "not a DepartmentReplyV1: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (reply.eventId() == null) {
            throw ProblemException.invalid("data.eventId", "required");
        }
        // the source is the department's own: its ids cannot collide with another department's
        int fresh = em.createNativeQuery("insert into inbox_message (consumer, event_source, event_id, event_type) "
                + "values (:c, :s, :i, :t) on conflict do nothing").setParameter("c", INBOX)
                .setParameter("s", "dept:" + code + ":" + ce.getSource()).setParameter("i", ce.getId()).setParameter("t", ce.getType())
                .executeUpdate();
        if (fresh == 0) {
            return new Outcome(ce.getId(), ce.getType(), reply.eventId(), reply.taskId(), null, null, true);
        }
        Task t = replies.target(code, "signed by department " + code, reply);
        Task now = replies.act(t, code, type, reply);
        return new Outcome(ce.getId(), ce.getType(), reply.eventId(), now.id, now.status.name(), now.handlerUnit, false);
    }
}
