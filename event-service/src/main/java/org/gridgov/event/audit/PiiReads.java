package org.gridgov.event.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.tx.Transactions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** PIPL audit: every read of a 12345 caller's name and phone in clear, queryable by admins (as grid-service's). */
@Path("/audit/pii")
@Tag(name = "Audit", description = "Reads of 12345 callers' personal data in clear (PIPL)")
public class PiiReads {
    @Inject
    EntityManager em;

    public record Read(UUID eventId, String reader, String what, OffsetDateTime readAt) {
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Reads of callers' personal data in clear, newest first, by reader or by event")
    public List<Read> query(@QueryParam("by") String by, @QueryParam("event") UUID event, @QueryParam("limit") Integer limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select event_id, reader, what, read_at from pii_read "
                + "where (cast(:by as text) is null or reader = cast(:by as text)) "
                + "and (cast(:e as uuid) is null or event_id = cast(:e as uuid)) order by id desc limit :n")
                .setParameter("by", by).setParameter("e", event == null ? null : event.toString())
                .setParameter("n", limit == null ? 100 : Math.max(1, Math.min(limit, 1000))).getResultList();
        return rows.stream().map(r -> new Read((UUID) r[0], (String) r[1], (String) r[2], Transactions.offset(r[3]))).toList();
    }
}
