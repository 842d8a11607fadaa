package org.gridgov.grid.visit;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.files.FileSignatures;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;
import org.gridgov.common.tx.Transactions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Photos of a visit (走访纪实), kept in grid-service's database: JPEG or PNG whose bytes carry the type's signature
 * ({@link FileSignatures}, shared with event-service's evidence), at most {@code gridgov.visits.photo-max-bytes} each and
 * {@code gridgov.visits.photos-per-visit} per visit. Only the visitor adds them; whoever may read the visit (its grid is in
 * her jurisdiction) reads them, anybody else gets 404.
 */
@ApplicationScoped
public class VisitPhotos {
    static final Set<String> TYPES = Set.of("image/jpeg", "image/png");

    @Inject
    EntityManager em;

    @Inject
    VisitConfig config;

    public record PhotoView(UUID id, String url, String contentType, long size, String sha256, String uploadedBy, OffsetDateTime uploadedAt) {
    }

    public record Photo(String contentType, String sha256, byte[] data) {
    }

    /** the visit, when its grid is inside {@code j}; else 404 */
    public Visit visible(UUID visitId, Jurisdiction j) {
        Visit v = Visit.findById(visitId);
        if (v == null || !j.covers(v.gridCode)) {
            throw ProblemException.notFound("visit " + visitId);
        }
        return v;
    }

    @Transactional
    public PhotoView add(UUID visitId, Jurisdiction j, String contentType, InputStream body) throws IOException {
        Visit v = visible(visitId, j);
        if (!j.isSelf(v.visitorId)) {
            throw ProblemException.forbidden("only the visitor " + v.visitorId + " adds photos to her visit");
        }
        String type = FileSignatures.baseType(contentType);
        if (type == null || !TYPES.contains(type)) {
            throw new ProblemException(415, "Unsupported photo type", "a visit photo is image/jpeg or image/png, not " + contentType,
                    List.of(new Problem.FieldError("Content-Type", "must be image/jpeg or image/png")));
        }
        byte[] bytes = body.readNBytes(config.photoMaxBytes() + 1);
        if (bytes.length > config.photoMaxBytes()) {
            throw new ProblemException(413, "Photo too large", "at most " + config.photoMaxBytes() + " bytes",
                    List.of(new Problem.FieldError("body", "at most " + config.photoMaxBytes() + " bytes (gridgov.visits.photo-max-bytes)")));
        }
        if (bytes.length == 0) {
            throw ProblemException.invalid("body", "the photo is empty");
        }
        if (!FileSignatures.matches(type, bytes)) {
            throw new ProblemException(415, "Content does not match its type", "the bytes are not a " + type,
                    List.of(new Problem.FieldError("body", "the bytes are not a " + type)));
        }
        em.createNativeQuery("select id from visit where id = :v for update").setParameter("v", v.id).getResultList();
        long count = ((Number) em.createNativeQuery("select count(*) from visit_photo where visit_id = :v").setParameter("v", v.id)
                .getSingleResult()).longValue();
        if (count >= config.photosPerVisit()) {
            throw ProblemException.invalid("body", "a visit has at most " + config.photosPerVisit() + " photos (gridgov.visits.photos-per-visit)");
        }
        UUID id = UUID.randomUUID();
        String sha = FileSignatures.sha256(bytes);
        OffsetDateTime now = OffsetDateTime.now();
        em.createNativeQuery("insert into visit_photo (id, visit_id, content_type, size, sha256, data, uploaded_by, uploaded_at) "
                + "values (:id, :v, :t, :s, :sha, :d, :by, :at)").setParameter("id", id).setParameter("v", v.id).setParameter("t", type)
                .setParameter("s", bytes.length).setParameter("sha", sha).setParameter("d", bytes).setParameter("by", v.visitorId)
                .setParameter("at", now).executeUpdate();
        return new PhotoView(id, url(v.id, id), type, bytes.length, sha, v.visitorId, now);
    }

    /** the visit's photos, oldest first (metadata only) */
    public List<PhotoView> list(UUID visitId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, content_type, size, sha256, uploaded_by, uploaded_at from visit_photo "
                + "where visit_id = :v order by uploaded_at, id").setParameter("v", visitId).getResultList();
        return rows.stream().map(r -> new PhotoView((UUID) r[0], url(visitId, (UUID) r[0]), (String) r[1], ((Number) r[2]).longValue(),
                (String) r[3], (String) r[4], Transactions.offset(r[5]))).toList();
    }

    /** one photo of a visit inside {@code j}; else 404 */
    public Photo get(UUID visitId, UUID photoId, Jurisdiction j) {
        visible(visitId, j);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select content_type, sha256, data from visit_photo where id = :p and visit_id = :v")
                .setParameter("p", photoId).setParameter("v", visitId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("photo " + photoId + " of visit " + visitId);
        }
        return new Photo((String) rows.get(0)[0], (String) rows.get(0)[1], (byte[]) rows.get(0)[2]);
    }

    static String url(UUID visit, UUID photo) {
        return "/visits/" + visit + "/photos/" + photo;
    }
}
