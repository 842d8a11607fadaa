package org.gridgov.escalation.department;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.Payload;
import org.gridgov.common.messaging.CloudEventAttributes;
import org.gridgov.common.messaging.MessagingConfig;
import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.tx.Transactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Departments on webhooks: their configuration (URL and HMAC secret, the secret encrypted at
 * rest), the deliveries written in the transaction of the task change, and the admin's view and
 * redrive of dead-lettered ones.
 */
@ApplicationScoped
public class DepartmentWebhooks {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final EventFormat FORMAT = new JsonFormat();

    @Inject
    EntityManager em;

    @Inject
    PersonalData crypto;

    @Inject
    ObjectMapper mapper;

    @Inject
    MessagingConfig messaging;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    WebhookSender sender;

    public record Settings(String url, String secret) {
    }

    /** what an admin sees; the secret only in the answer that set it */
    public record View(String departmentCode, String url, String secret, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            String updatedBy) {
    }

    public record DeliveryView(UUID id, String departmentCode, String eventId, String type, String status, int attempts,
            OffsetDateTime createdAt, OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt, OffsetDateTime deadAt, Integer lastStatus,
            String lastError) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id, d.departmentCode, d.messageKey, d.type, d.status.name(), d.attempts, d.createdAt,
                    d.status == WebhookDelivery.Status.PENDING ? d.nextAttemptAt : null, d.deliveredAt, d.deadAt, d.lastStatus, d.lastError);
        }
    }

    /** Sets (or replaces) a department's webhook; without a secret, one is generated. The answer shows the secret once. */
    @Transactional
    public View configure(String code, Settings s, String actor) {
        department(code);
        URI url;
        try {
            url = s.url() == null ? null : URI.create(s.url().strip());
        } catch (IllegalArgumentException e) {
            url = null;
        }
        if (url == null || !url.isAbsolute() || url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                || s.url().length() > 2000) {
            throw ProblemException.invalid("url", "an absolute http(s) URL of at most 2000 characters");
        }
        String secret = s.secret() == null || s.secret().isBlank() ? generated() : s.secret();
        if (secret.length() < 32 || secret.length() > 200) {
            throw ProblemException.invalid("secret", "32 to 200 characters (or leave it out to have one generated)");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        DepartmentWebhook w = DepartmentWebhook.findById(code);
        if (w == null) {
            w = new DepartmentWebhook();
            w.departmentCode = code;
            w.createdAt = now;
        }
        w.url = url.toString();
        w.secret = crypto.encrypt(secret);
        w.updatedAt = now;
        w.updatedBy = actor;
        w.persist();
        return new View(code, w.url, secret, w.createdAt, w.updatedAt, w.updatedBy);
    }

    @Transactional
    public View view(String code) {
        department(code);
        DepartmentWebhook w = DepartmentWebhook.findById(code);
        if (w == null) {
            throw ProblemException.notFound("webhook of department " + code);
        }
        return new View(code, w.url, null, w.createdAt, w.updatedAt, w.updatedBy);
    }

    /** The department goes back to its Kafka topic; deliveries already written are still sent (they name no URL). */
    @Transactional
    public void remove(String code) {
        department(code);
        if (!DepartmentWebhook.deleteById(code)) {
            throw ProblemException.notFound("webhook of department " + code);
        }
    }

    /** the department's secret in clear, or null when it has no webhook */
    public String secret(String code) {
        DepartmentWebhook w = code == null ? null : DepartmentWebhook.findById(code);
        return w == null ? null : crypto.decrypt(w.secret);
    }

    /**
     * Writes a delivery of a task fact to the department's webhook, in the caller's transaction;
     * false when the department has no webhook (its Kafka topic is used).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(String code, EventType type, Payload payload, String handlerUnit) {
        if (DepartmentWebhook.findById(code) == null) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        WebhookDelivery d = new WebhookDelivery();
        d.id = UUID.randomUUID();
        d.departmentCode = code;
        d.messageKey = payload.key();
        d.type = type.type();
        CloudEventBuilder b = CloudEventBuilder.v1().withId(d.id.toString()).withSource(URI.create(messaging.source()))
                .withType(type.type()).withTime(now).withDataSchema(type.dataSchema());
        if (payload.subject() != null) {
            b.withSubject(payload.subject());
        }
        if (handlerUnit != null) {
            b.withExtension(CloudEventAttributes.HANDLER_UNIT, handlerUnit);
        }
        try {
            b.withData("application/json", mapper.writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("payload of " + type + " is not serialisable", e);
        }
        d.body = new String(FORMAT.serialize(b.build()), StandardCharsets.UTF_8);
        d.status = WebhookDelivery.Status.PENDING;
        d.nextAttemptAt = now;
        d.createdAt = now;
        d.persist();
        if (transactions.getResource(DepartmentWebhooks.class) == null) {
            transactions.putResource(DepartmentWebhooks.class, Boolean.TRUE);
            Transactions.afterCommit(transactions, sender::wakeUp);
        }
        return true;
    }

    /** Deliveries, newest first: of one department and/or in one status. */
    @Transactional
    public List<DeliveryView> deliveries(String code, WebhookDelivery.Status status, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        if (code != null) {
            q.append(" and departmentCode = :code");
            p.put("code", code);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.put("status", status);
        }
        return WebhookDelivery.<WebhookDelivery>find(q.append(" order by seq desc").toString(), p)
                .range(0, Math.max(1, Math.min(limit, 1000)) - 1).list().stream().map(DeliveryView::of).toList();
    }

    /** Sends a dead-lettered delivery again, from its first attempt. */
    @Transactional
    public DeliveryView redrive(UUID id) {
        WebhookDelivery d = WebhookDelivery.findById(id);
        if (d == null) {
            throw ProblemException.notFound("webhook delivery " + id);
        }
        if (d.status != WebhookDelivery.Status.DEAD) {
            throw ProblemException.conflict("the delivery is " + d.status + "; only a dead-lettered one is redriven");
        }
        rearm(d);
        return DeliveryView.of(d);
    }

    /** Sends every dead-lettered delivery of the department again; returns how many. */
    @Transactional
    public int redriveAll(String code) {
        department(code);
        List<WebhookDelivery> dead = WebhookDelivery.list("departmentCode = ?1 and status = ?2 order by seq", code, WebhookDelivery.Status.DEAD);
        dead.forEach(this::rearm);
        return dead.size();
    }

    private void rearm(WebhookDelivery d) {
        d.status = WebhookDelivery.Status.PENDING;
        d.attempts = 0;
        d.deadAt = null;
        d.nextAttemptAt = OffsetDateTime.now(ZoneOffset.UTC);
        Transactions.afterCommit(transactions, sender::wakeUp);
    }

    private void department(String code) {
        if (code == null || em.createNativeQuery("select 1 from department where code = :c").setParameter("c", code).getResultList().isEmpty()) {
            throw ProblemException.notFound("department " + code);
        }
    }

    private static String generated() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
