package org.gridgov.event.lifecycle;

import org.gridgov.common.problem.ProblemException;

/**
 * A grid worker's own word counts only inside her grids. Her patrol report (GRID_PATROL) is accepted (立案) on
 * intake only when it lies within her jurisdiction ({@link EventAccess#inRemit(org.gridgov.common.security.Jurisdiction,
 * EventRecord)}: its grid, community or street in her claims, or county-wide for a report that could not be placed);
 * outside, it is taken like a resident's report and waits for 立案. A 即办件 (solved on the spot) outside her grids is
 * refused with a 403 naming the place: nobody checked that work, and it would earn her points at once.
 */
final class PatrolRemit {
    private PatrolRemit() {
    }

    /** the report needs no other check of its place: not a grid worker's, or inside her jurisdiction */
    static boolean inside(ReportIntake.Submission s, EventRecord e) {
        return s.patroller() == null || EventAccess.inRemit(s.patroller(), e);
    }

    /** @throws ProblemException 403 for a 即办件 outside the reporting grid worker's jurisdiction */
    static void checkOnSpot(ReportIntake.Submission s, EventRecord e) {
        if (s.onSpot() != null && !inside(s, e)) {
            String place = EventAccess.place(e);
            throw new ProblemException(403, "Outside your grids", (place == null ? "the place of this report could not be located"
                    : "the place of this report lies in grid " + place) + ", outside your grids: a problem solved on the spot "
                    + "(即办件) is reported only inside them; report it without solvedOnSpot and it waits for 立案",
                    java.util.List.of(new org.gridgov.common.problem.Problem.FieldError("solvedOnSpot",
                            "outside your grids" + (place == null ? "" : ": " + place))));
        }
    }

    /** the timeline's words when the report is taken like a resident's */
    static String note(ReportIntake.Submission s, EventRecord e) {
        return inside(s, e) ? "" : "; outside the reporter's grids: waits for 立案";
    }
}
