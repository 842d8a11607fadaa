package org.gridgov.grid.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.tx.Transactions;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * PIPL audit: who read which resident's personal data in clear, or changed it, when, and which fields (never their
 * values). Written in the same transaction as the read or the change; queryable by admins.
 */
@ApplicationScoped
@Path("/audit/pii")
@Tag(name = "Audit", description = "Reads of residents' personal data in clear (PIPL)")
public class PiiAudit {

    @Inject
    EntityManager em;

    @Inject
    SecurityIdentity caller;

    /** Records that the caller read {@code fields} of {@code subject} (e.g. household:uuid) in clear. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void read(String subject, List<String> fields, String purpose) {
        record("READ", subject, fields, purpose);
    }

    /** Records that the caller changed {@code fields} of {@code subject} (e.g. household:uuid, person:id). */
    @Transactional(Transactional.TxType.REQUIRED)
    public void changed(String subject, List<String> fields, String purpose) {
        record("CHANGE", subject, fields, purpose);
    }

    private void record(String action, String subject, List<String> fields, String purpose) {
        if (fields.isEmpty()) {
            return;
        }
        em.createNativeQuery("insert into pii_access (accessed_by, roles, accessed_at, subject, fields, purpose, action) "
                + "values (:by, :roles, :at, :s, :f, :p, :a)").setParameter("a", action).setParameter("by", caller.getPrincipal().getName())
                .setParameter("roles", String.join(",", new TreeSet<>(caller.getRoles()))).setParameter("at", OffsetDateTime.now())
                .setParameter("s", subject).setParameter("f", String.join(",", fields)).setParameter("p", purpose).executeUpdate();
    }

    /** {@code action}: READ (in clear) or CHANGE */
    public record Access(String accessedBy, String roles, OffsetDateTime accessedAt, String subject, List<String> fields, String purpose,
            String action) {
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Reads of personal data in clear and its changes (action READ or CHANGE), newest first, by reader or by subject (e.g. household:<id>)")
    public List<Access> query(@QueryParam("by") String by, @QueryParam("subject") String subject, @QueryParam("limit") Integer limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select accessed_by, roles, accessed_at, subject, fields, purpose, action from pii_access "
                + "where (cast(:by as text) is null or accessed_by = cast(:by as text)) "
                + "and (cast(:s as text) is null or subject = cast(:s as text)) order by id desc limit :n")
                .setParameter("by", by).setParameter("s", subject).setParameter("n", limit == null ? 100 : Math.max(1, Math.min(limit, 1000)))
                .getResultList();
        return rows.stream().map(r -> new Access((String) r[0], (String) r[1], Transactions.offset(r[2]), (String) r[3],
                List.of(((String) r[4]).split(",")), (String) r[5], (String) r[6])).toList();
    }
}
