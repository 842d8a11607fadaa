package org.gridgov.scoring.access;

import java.util.List;

import org.gridgov.common.problem.Problem.FieldError;
import org.gridgov.common.problem.ProblemException;

/**
 * Separation of duties in the points cycle, for every caller, admins included: nobody records points for herself
 * ({@code USER:<her id>}), nobody audits her own points, and whoever recorded an entry never audits it.
 */
public final class Duties {
    private Duties() {
    }

    /** the points subject of the user {@code userId} */
    public static String self(String userId) {
        return "USER:" + userId;
    }

    /** 403 naming {@code field} when {@code subject} is the caller herself: nobody records or corrects points for herself */
    public static void checkNotSelf(String caller, String subject, String field) {
        if (caller != null && subject != null && subject.equals(self(caller))) {
            throw new ProblemException(403, "Forbidden", "nobody records points for herself: " + subject + " is you",
                    List.of(new FieldError(field, "your own points are recorded by someone else")));
        }
    }

    /** why {@code auditor} may not decide an entry of {@code subject} recorded by {@code recordedBy}; null when she may */
    public static String whyNotAuditor(String auditor, String subject, String recordedBy) {
        if (auditor == null) {
            return null;
        }
        if (self(auditor).equals(subject)) {
            return "the entry is about you (" + subject + "); someone else audits your points";
        }
        if (auditor.equals(recordedBy)) {
            return "you recorded this entry; the recorder of an entry never audits it";
        }
        return null;
    }
}
