package org.gridgov.event.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A file kept here ({@code /evidence/<id>}) may be attached only by the one who uploaded it: the
 * reporter or handler of that step. Attaching a file makes it readable by everyone who reads the
 * event, so citing another user's file would otherwise grant access to it. Files kept elsewhere
 * (an https URL) are only cited, and grant nothing.
 */
@ApplicationScoped
public class EvidenceOwnership {
    private static final Pattern LOCAL = Pattern.compile("/evidence/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    @Inject
    EntityManager em;

    /** @throws ProblemException 400 naming each item that cites a file here the actor did not upload */
    public void check(List<Evidence> evidence, String field, String actor) {
        if (evidence == null) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            if (e != null && e.url() != null && notOwnFile(e.url(), actor)) {
                errors.add(new Problem.FieldError(field + "[" + i + "].url",
                        "only a file you uploaded (POST /evidence) can be attached"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** Whether the URL names a file of this service that does not exist or that {@code actor} did not upload. */
    public boolean notOwnFile(String url, String actor) {
        UUID id = localId(url);
        if (id == null) {
            return url.startsWith("/evidence/");
        }
        List<?> uploader = em.createNativeQuery("select uploaded_by from evidence where id = ?1").setParameter(1, id).getResultList();
        return uploader.isEmpty() || actor == null || !actor.equals(uploader.get(0));
    }

    static UUID localId(String url) {
        Matcher m = LOCAL.matcher(url);
        return m.matches() ? UUID.fromString(m.group(1)) : null;
    }
}
