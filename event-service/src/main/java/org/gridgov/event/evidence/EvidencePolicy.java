package org.gridgov.event.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;

/** Which files are taken as evidence: content types, size and how many per step (configuration). */
@ApplicationScoped
public class EvidencePolicy {
    @ConfigProperty(name = "gridgov.evidence.max-bytes", defaultValue = "20971520")
    long maxBytes;

    @ConfigProperty(name = "gridgov.evidence.content-types",
            defaultValue = "image/jpeg,image/png,image/webp,image/heic,video/mp4,audio/mpeg,audio/amr,application/pdf")
    Set<String> contentTypes;

    @ConfigProperty(name = "gridgov.evidence.max-files", defaultValue = "9")
    int maxFiles;

    /** bytes one user may upload in 24 hours */
    @ConfigProperty(name = "gridgov.evidence.quota-bytes", defaultValue = "209715200")
    long quotaBytes;

    /** how long an uploaded file may stay unattached to any event before it is purged */
    @ConfigProperty(name = "gridgov.evidence.unattached-retention", defaultValue = "PT24H")
    java.time.Duration unattachedRetention;

    public long quotaBytes() {
        return quotaBytes;
    }

    public java.time.Duration unattachedRetention() {
        return unattachedRetention;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The type without parameters, lower case, if it is accepted; otherwise null. */
    public String accepted(String contentType) {
        if (contentType == null) {
            return null;
        }
        String t = contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        return contentTypes.contains(t) ? t : null;
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
        if (evidence.size() > maxFiles) {
            errors.add(new Problem.FieldError(field, "at most " + maxFiles + " files"));
        }
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            if (e == null) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", "must not be null"));
                continue;
            }
            if (e.contentType() != null && accepted(e.contentType()) == null) {
                errors.add(new Problem.FieldError(field + "[" + i + "].contentType", "must be one of " + contentTypes));
            }
            if (e.size() != null && e.size() > maxBytes) {
                errors.add(new Problem.FieldError(field + "[" + i + "].size", "must be at most " + maxBytes + " bytes"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
