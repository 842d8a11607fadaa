package org.gridgov.event.open311.contact;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.problem.SaneValues;
import org.gridgov.event.lifecycle.EventRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The resident's contact an Open311 client application sends with a request ({@code email},
 * {@code phone}, {@code first_name}, {@code last_name}), under PIPL as a 12345 caller's: kept
 * encrypted (AES-256-GCM, one JSON value per event), shown masked to staff, in clear only through a
 * read that is logged in {@code pii_read} ({@code GET /audit/pii}). It never leaves event-service.
 */
@ApplicationScoped
public class ResidentContact {
    static final String WHAT = "open311 contact (email, phone, name)";

    @Inject
    PersonalData personalData;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    /** The contact as sent, or as shown (masked or in clear), with the client application that sent it. */
    public record Contact(String email, String phone, String firstName, String lastName) {
        public boolean empty() {
            return email == null && phone == null && firstName == null && lastName == null;
        }
    }

    /** What staff see: the contact and the application it came through. */
    public record ContactView(String client, String email, String phone, String firstName, String lastName, boolean masked) {
    }

    /** The contact checked with the Open311 field names; null when none was sent. */
    public static Contact checked(String email, String phone, String firstName, String lastName, List<Problem.FieldError> errors) {
        String mail = field("email", email, 254, errors);
        String ph = field("phone", phone, 30, errors);
        String fn = field("first_name", firstName, 100, errors);
        String ln = field("last_name", lastName, 100, errors);
        if (mail != null && !mail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add(new Problem.FieldError("email", "not an email address"));
        }
        if (ph != null && !ph.matches("\\+?[0-9][0-9 ()-]{2,29}")) {
            errors.add(new Problem.FieldError("phone", "digits, spaces, dashes and brackets, optionally after a +"));
        }
        Contact c = new Contact(mail, ph, fn, ln);
        return c.empty() ? null : c;
    }

    /** The value to keep on the event: encrypted JSON. */
    public String seal(Contact c) {
        try {
            return c == null ? null : personalData.encrypt(mapper.writeValueAsString(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contact masked (staff's view), or null when the event has none. */
    public ContactView masked(EventRecord e) {
        Contact c = open(e);
        return c == null ? null : new ContactView(e.open311Client, maskEmail(c.email()), PersonalData.maskPhone(c.phone()),
                PersonalData.maskName(c.firstName()), PersonalData.maskName(c.lastName()), true);
    }

    /** The contact in clear; the read is logged in the same transaction. */
    @Transactional
    public ContactView inClear(UUID id, String reader) {
        EventRecord e = EventRecord.findById(id);
        Contact c = e == null ? null : open(e);
        if (c == null) {
            throw ProblemException.notFound("Open311 contact of event " + id);
        }
        em.createNativeQuery("insert into pii_read (event_id, reader, what, read_at) values (?1, ?2, ?3, ?4)").setParameter(1, id)
                .setParameter(2, reader).setParameter(3, WHAT).setParameter(4, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
        return new ContactView(e.open311Client, c.email(), c.phone(), c.firstName(), c.lastName(), false);
    }

    /** li.lei@example.com → l*****@example.com */
    static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "*".repeat(email.length()) : email.charAt(0) + "*".repeat(Math.max(1, at - 1)) + email.substring(at);
    }

    private Contact open(EventRecord e) {
        if (e.open311ContactEnc == null) {
            return null;
        }
        try {
            return mapper.readValue(personalData.decrypt(e.open311ContactEnc), Contact.class);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("cannot read the Open311 contact of event " + e.id, x);
        }
    }

    private static String field(String name, String raw, int max, List<Problem.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip();
        String insane = SaneValues.problem(s);
        if (insane != null) {
            errors.add(new Problem.FieldError(name, insane));
            return null;
        }
        if (s.length() > max) {
            errors.add(new Problem.FieldError(name, "at most " + max + " characters"));
            return null;
        }
        return s;
    }
}
