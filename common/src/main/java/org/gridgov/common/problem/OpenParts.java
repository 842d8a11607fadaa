package org.gridgov.common.problem;

import java.util.List;

/**
 * 联动: the lead unit resolves a task only when the parts of its cooperating departments are done, or states why
 * not. escalation-service (a department's resolved reply) and event-service (办结 over REST) refuse alike.
 */
public final class OpenParts {
    /** the request field with the reason */
    public static final String FIELD = "openPartsReason";
    public static final int MAX_LENGTH = 2000;

    private OpenParts() {
    }

    /**
     * @param open   the cooperating units ({@code DEPT:<code>}) whose parts are not done
     * @param reason why the lead resolves anyway; may be null
     * @return the reason, stripped, or null when there are no open parts or none was given
     * @throws ProblemException 409 naming the open parts and {@link #FIELD} when parts are open and no reason is given;
     *                          400 for a reason over {@link #MAX_LENGTH} characters
     */
    public static String check(List<String> open, String reason) {
        if (reason != null && reason.length() > MAX_LENGTH) {
            throw ProblemException.invalid(FIELD, "at most " + MAX_LENGTH + " characters");
        }
        String given = reason == null || reason.isBlank() ? null : reason.strip();
        if (!open.isEmpty() && given == null) {
            String parts = String.join(", ", open);
            throw new ProblemException(409, "Cooperating parts not done", "the parts of " + parts + " (联动) are not done; "
                    + "resolve when they are, or say why not in " + FIELD,
                    List.of(new Problem.FieldError(FIELD, "required while the parts of " + parts + " are not done")));
        }
        return open.isEmpty() ? null : given;
    }
}
