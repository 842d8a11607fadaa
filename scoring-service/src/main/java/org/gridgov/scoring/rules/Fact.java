package org.gridgov.scoring.rules;

/** What a rule scores. Lifecycle facts come from Kafka; recorded facts and manual points come through the API. */
public enum Fact {
    /** accepted (立案): a valid report; the reporter (users only, not hotline callers or partner systems) */
    VALID_REPORT(Source.LIFECYCLE),
    /** closed, scored by satisfaction level; the grid */
    CLOSED(Source.LIFECYCLE),
    /** closed and resolved by the deadline; the grid */
    RESOLVED_ON_TIME(Source.LIFECYCLE),
    /** closed but resolved after the deadline; the grid */
    OVERDUE(Source.LIFECYCLE),
    /** verification failed, back for rework; the grid, once per rework */
    REWORK(Source.LIFECYCLE),
    /** reopened after a DISSATISFIED follow-up, scored by level; the grid, once per reopening */
    REOPENED(Source.LIFECYCLE),
    /** 即办件: solved on the spot when reported; the grid worker who fixed it */
    SOLVED_ON_SPOT(Source.LIFECYCLE),
    VISIT_MADE(Source.RECORD),
    MONTHLY_COVERAGE(Source.RECORD),
    VOLUNTEER_SERVICE(Source.RECORD),
    MANUAL_BONUS(Source.MANUAL),
    MANUAL_PENALTY(Source.MANUAL);

    public enum Source {
        LIFECYCLE, RECORD, MANUAL
    }

    private final Source source;

    Fact(Source source) {
        this.source = source;
    }

    public Source source() {
        return source;
    }

    public boolean manual() {
        return source == Source.MANUAL;
    }

    public static boolean known(String name) {
        for (Fact f : values()) {
            if (f.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
