package org.gridgov.event.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/evidence")
@Tag(name = "Evidence", description = "Photos and files backing reports, actions and verifications")
public class EvidenceResource {
    @Inject
    EvidenceStore store;

    @Inject
    EvidencePolicy policy;

    @Inject
    EntityManager em;

    @Inject
    SecurityIdentity caller;

    @Inject
    org.gridgov.event.lifecycle.EventAccess access;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @RolesAllowed({ "resident", "grid_worker", "grid_leader", "operator", "community_staff", "street_staff", "dept_handler", "admin" })
    @Operation(summary = "Upload a photo or file (the raw bytes; Content-Type says what it is)",
            description = "Returns the metadata (url, contentType, size, sha256) to put in a report's, an action's or a "
                    + "verification's evidence list. Types and the size limit are configuration (gridgov.evidence.*).")
    public Response upload(@HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        String type = policy.accepted(contentType);
        if (type == null) {
            throw new ProblemException(415, "Unsupported evidence type", "Content-Type " + contentType + " is not taken as evidence",
                    java.util.List.of(new org.gridgov.common.problem.Problem.FieldError("Content-Type", "not an accepted evidence type")));
        }
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.maxBytes() + 1));
        if (bytes.length > policy.maxBytes()) {
            throw new ProblemException(413, "Evidence too large", "at most " + policy.maxBytes() + " bytes",
                    java.util.List.of(new org.gridgov.common.problem.Problem.FieldError("body", "at most " + policy.maxBytes() + " bytes")));
        }
        if (bytes.length == 0) {
            throw ProblemException.invalid("body", "the file is empty");
        }
        if (!org.gridgov.common.files.FileSignatures.matches(type, bytes)) {
            throw new ProblemException(415, "Content does not match its type", "the bytes are not a " + type,
                    java.util.List.of(new org.gridgov.common.problem.Problem.FieldError("body", "the bytes are not a " + type)));
        }
        String me = caller.getPrincipal().getName();
        long used = ((Number) em.createNativeQuery("select coalesce(sum(size), 0) from evidence where uploaded_by = ?1 "
                + "and uploaded_at > ?2").setParameter(1, me).setParameter(2, OffsetDateTime.now(ZoneOffset.UTC).minusHours(24))
                .getSingleResult()).longValue();
        if (used + bytes.length > policy.quotaBytes()) {
            throw new ProblemException(429, "Upload quota used up", "at most " + policy.quotaBytes() + " bytes in 24 hours per user; "
                    + used + " used", java.util.List.of(new org.gridgov.common.problem.Problem.FieldError("body", "quota used up")));
        }
        String sha = org.gridgov.common.files.FileSignatures.sha256(bytes);
        store.put(sha, bytes);
        UUID id = UUID.randomUUID();
        String url = "/evidence/" + id;
        em.createNativeQuery("insert into evidence (id, sha256, content_type, size, url, stored, uploaded_by, uploaded_at) "
                + "values (?1, ?2, ?3, ?4, ?5, true, ?6, ?7)").setParameter(1, id).setParameter(2, sha).setParameter(3, type)
                .setParameter(4, (long) bytes.length).setParameter(5, url).setParameter(6, caller.getPrincipal().getName())
                .setParameter(7, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
        return Response.created(URI.create(url)).entity(new Evidence(url, type, (long) bytes.length, sha)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    @Operation(summary = "The bytes of an uploaded file",
            description = "For the one who uploaded it, and for whoever may read in full an event it is attached to "
                    + "(not the reporter of a duplicate merged into it).")
    public Response download(@PathParam("id") UUID id) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery("select sha256, content_type, uploaded_by from evidence where id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty() || !mayRead(id, (String) rows.get(0)[2])) {
            throw ProblemException.notFound("evidence " + id);
        }
        String sha = (String) rows.get(0)[0];
        InputStream in = store.get(sha).orElseThrow(() -> ProblemException.notFound("the file of evidence " + id));
        // the declared type only: a browser must not guess another one from the bytes
        return Response.ok(in, (String) rows.get(0)[1]).header("ETag", "\"" + sha + "\"").header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline").build();
    }

    /** the uploader, or a reader of an event the file is attached to */
    boolean mayRead(UUID id, String uploadedBy) {
        if (caller.getPrincipal().getName().equals(uploadedBy) || access.jurisdiction().unrestricted()) {
            return true;
        }
        @SuppressWarnings("unchecked")
        java.util.List<UUID> events = em.createNativeQuery("select distinct event_id from event_evidence where url = ?1")
                .setParameter(1, "/evidence/" + id).getResultList();
        return events.stream().map(e -> org.gridgov.event.lifecycle.EventRecord.<org.gridgov.event.lifecycle.EventRecord>findById(e))
                .anyMatch(e -> e != null && access.readsInFull(e)); // not the reporter of a duplicate merged into it
    }
}
