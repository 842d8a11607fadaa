package org.gridgov.escalation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.DepartmentReplyV1;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.contract.payload.EvidenceV1;
import org.gridgov.testkit.TopicWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.quarkus.arc.Arc;

/**
 * The Kafka messages the tests send as other services write them: contract records of common/contract/payload,
 * serialized with this service's ObjectMapper (as ResidentNoticeTest does with an injected one).
 */
final class Messages {
    private Messages() {
    }

    /** The payload as JSON, written by the service's own ObjectMapper. */
    static String json(Object payload) {
        try {
            return Arc.container().instance(ObjectMapper.class).get().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lifecycle fact as event-service publishes it (a fresh CloudEvents id). */
    static CloudEvent lifecycle(EventType type, EventLifecycleV1 fact) {
        return TopicWriter.event(null, "/gridgov/event-service", type.type(), fact.eventId().toString(), json(fact));
    }

    /** An event of {@code grid} (its community and street taken from the code) in the given status; nothing else said. */
    static EventLifecycleV1 fact(String eventId, String status, String category, String grid, String reporter, OffsetDateTime occurredAt) {
        return fact(eventId, status, category, grid, reporter, occurredAt, null, null, null, null);
    }

    /** The same, with the category's urgency and time limits and the item type. */
    static EventLifecycleV1 fact(String eventId, String status, String category, String grid, String reporter, OffsetDateTime occurredAt,
            String urgency, Integer timeLimitDays, Integer urgentHours, String itemType) {
        return new EventLifecycleV1(UUID.fromString(eventId), status, null, category, null, null, null, grid, grid.substring(0, 12),
                grid.substring(0, 9), reporter, null, null, null, null, null, null, null, occurredAt, urgency, timeLimitDays,
                urgentHours, itemType, null, null);
    }

    /** A department's reply about an event; {@code evidence} and {@code evidenceFiles} may be null. */
    static CloudEvent reply(String department, EventType type, DepartmentReplyV1 reply) {
        return reply(department, type.type(), reply);
    }

    /** A reply of any CloudEvents type, known or not, as the department's partner system writes it. */
    static CloudEvent reply(String department, String type, DepartmentReplyV1 reply) {
        return TopicWriter.event(null, "/partner/" + department, type, reply.eventId().toString(), json(reply));
    }

    /** One evidence file of a reply. */
    static List<EvidenceV1> evidence(String url, long size, String sha256) {
        return List.of(new EvidenceV1(url, "image/jpeg", size, sha256));
    }
}
