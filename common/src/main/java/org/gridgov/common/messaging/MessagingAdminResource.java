package org.gridgov.common.messaging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.problem.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * For admins of each service: the consumers' state, the dead-letter topics and their re-drive,
 * and outbox rows the broker refused for good.
 */
@Path("/admin/messaging")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class MessagingAdminResource {
    @Inject
    CloudEventConsumers consumers;

    @Inject
    DeadLetters deadLetters;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    public record Consumer(String name, long stalledSeconds, String stallReason, long processed, long skipped, long retries,
            long deadLettered) {
    }

    public record Parked(UUID eventId, String topic, String type, String key, OffsetDateTime time, OffsetDateTime parkedAt,
            String error, int payloadChars) {
    }

    @GET
    @Path("/consumers")
    public List<Consumer> consumers() {
        return consumers.states().stream().map(s -> new Consumer(s.name(), s.stalledFor().toSeconds(), s.stallReason(),
                s.processed(), s.skipped(), s.retries(), s.deadLettered())).toList();
    }

    @GET
    @Path("/dead-letters")
    public List<DeadLetters.Waiting> deadLetters() {
        return deadLetters.waiting();
    }

    /** Feeds a consumer's dead-lettered messages back into it; running it twice has no second effect. */
    @POST
    @Path("/dead-letters/{consumer}/redrive")
    public DeadLetters.Redrive redrive(@PathParam("consumer") String consumer) {
        return deadLetters.redrive(consumer);
    }

    @GET
    @Path("/outbox/parked")
    public List<Parked> parked() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>find(
                "parkedAt is not null and sentAt is null order by seq").range(0, 499).list().stream()
                .map(m -> new Parked(m.eventId, m.topic, m.type, m.messageKey, m.time, m.parkedAt, m.parkError, m.payload.length()))
                .toList());
    }

    /** Sends a parked row again (after the topic was created, the ACL granted, or the broker's limit raised). */
    @POST
    @Path("/outbox/parked/{eventId}/resend")
    public Parked resend(@PathParam("eventId") UUID eventId) {
        Parked p = QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage m = OutboxMessage.findById(eventId);
            if (m == null || m.parkedAt == null || m.sentAt != null) {
                throw ProblemException.notFound("parked outbox row " + eventId);
            }
            Parked before = new Parked(m.eventId, m.topic, m.type, m.messageKey, m.time, m.parkedAt, m.parkError, m.payload.length());
            m.parkedAt = null;
            m.parkError = null;
            return before;
        });
        relay.wakeUp();
        return p;
    }
}
