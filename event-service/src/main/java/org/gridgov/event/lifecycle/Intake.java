package org.gridgov.event.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Intake over REST: web and mobile apps, grid workers (with 即办件) and 12345 hotline operators.
 * The hotline caller's name and phone are encrypted at rest, masked for operators and shown in
 * clear only through an audit-logged read; they never leave event-service.
 */
@ApplicationScoped
public class Intake {
    @Inject
    ReportIntake events;

    @Inject
    org.gridgov.event.evidence.EvidenceOwnership evidenceOwnership;

    @Inject
    PersonalData personalData;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Inject
    IntakeBatcher batcher;

    /**
     * Files the report through group commit ({@link IntakeBatcher}); answers once it is committed.
     *
     * @param patroller the grid worker's jurisdiction for a patrol report or a 即办件 (see {@link PatrolRemit}), else null
     */
    public ReportIntake.Reported report(Requests.Report body, org.gridgov.common.contract.Channel channel, String reporter, String submittedBy,
            String idempotencyKey, org.gridgov.common.security.Jurisdiction patroller) {
        evidenceOwnership.check(body.evidence(), "evidence", submittedBy);
        if (body.solvedOnSpot() != null) {
            evidenceOwnership.check(body.solvedOnSpot().evidence(), "solvedOnSpot.evidence", submittedBy);
        }
        Requests.Caller c = body.caller();
        if (c != null && c.ticket() != null) {
            EventRecord filed = QuarkusTransaction.requiringNew().call(() -> EventRecord.<EventRecord>find("hotlineTicket", c.ticket()).firstResult());
            if (filed != null && !(reporter.equals(filed.reporterId) && idempotencyKey != null && idempotencyKey.equals(filed.idempotencyKey))) {
                throw new ProblemException(409, "Ticket already filed", "12345 ticket " + c.ticket() + " is event " + filed.id,
                        java.util.List.of(new org.gridgov.common.problem.Problem.FieldError("caller.ticket", "already filed as event " + filed.id)));
            }
        }
        Double lat = body.location() == null ? null : body.location().latitude();
        Double lon = body.location() == null ? null : body.location().longitude();
        return batcher.submit(new ReportIntake.Submission(new ReportIntake.NewReport(body.category(), body.description(),
                lat, lon, body.address(), channel, reporter, idempotencyKey, hash(body), null, body.evidence(), null, null, null), e -> {
                    if (c != null) {
                        e.hotlineTicket = c.ticket();
                        e.callerNameEnc = c.name() == null || c.name().isBlank() ? null : personalData.encrypt(c.name().strip());
                        e.callerPhoneEnc = personalData.encrypt(c.phone());
                        e.operatorId = submittedBy;
                    }
                }, body.solvedOnSpot(), patroller));
    }

    /** The caller with the phone masked (operators' views), or null when the event is not a hotline call. */
    public EventView.CallerView callerMasked(EventRecord e) {
        return e.callerPhoneEnc == null ? null : caller(e, true);
    }

    private EventView.CallerView caller(EventRecord e, boolean masked) {
        String phone = personalData.decrypt(e.callerPhoneEnc);
        String name = e.callerNameEnc == null ? null : personalData.decrypt(e.callerNameEnc);
        return new EventView.CallerView(masked ? PersonalData.maskName(name) : name, masked ? PersonalData.maskPhone(phone) : phone);
    }

    /** The caller in clear; the read is logged. */
    @Transactional
    public EventView.CallerView callerInClear(UUID id, String reader) {
        EventRecord e = EventRecord.findById(id);
        if (e == null || e.callerPhoneEnc == null) {
            throw ProblemException.notFound("hotline caller of event " + id);
        }
        em.createNativeQuery("insert into pii_read (event_id, reader, what, read_at) values (?1, ?2, 'caller name and phone', ?3)")
                .setParameter(1, id).setParameter(2, reader).setParameter(3, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
        return caller(e, false);
    }

    /** SHA-256 of the request as JSON, to tell a retry from a different request under the same key. */
    public String hash(Object body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
