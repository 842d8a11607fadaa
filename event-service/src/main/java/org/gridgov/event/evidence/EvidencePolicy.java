package org.gridgov.event.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;

/** Which files are taken as evidence: content types, size and how many per step (configuration). */
@ApplicationScoped
public class EvidencePolicy {
    @jakarta.inject.Inject
    org.gridgov.event.config.EvidenceConfig config;

    public long maxBytes() {
        return config.maxBytes();
    }

    public long quotaBytes() {
        return config.quotaBytes();
    }

    public java.time.Duration unattachedRetention() {
        return config.unattachedRetention();
    }

    /** The type without parameters, lower case, if it is accepted; otherwise null. */
    public String accepted(String contentType) {
        if (contentType == null) {
            return null;
        }
        String t = contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        return config.contentTypes().contains(t) ? t : null;
    }

    /**
     * Checks a list of evidence metadata.
     *
     * @param field the list's field name in the request, e.g. {@code evidence}
     * @throws ProblemException 400 naming each bad item's field
     */
    public void check(List<Evidence> evidence, String field) {
        if (evidence == null) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (evidence.size() > config.maxFiles()) {
            errors.add(new Problem.FieldError(field, "at most " + config.maxFiles() + " files"));
        }
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            if (e == null) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", "must not be null"));
                continue;
            }
            if (e.contentType() != null && accepted(e.contentType()) == null) {
                errors.add(new Problem.FieldError(field + "[" + i + "].contentType", "must be one of " + config.contentTypes()));
            }
            if (e.size() != null && e.size() > config.maxBytes()) {
                errors.add(new Problem.FieldError(field + "[" + i + "].size", "must be at most " + config.maxBytes() + " bytes"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
