package org.gridgov.scoring.rules;

/**
 * What a rule scores. Lifecycle facts come from Kafka; recorded facts and manual points come through the API.
 * A rule of a fact scores one of the fact's subject types (or {@code ANY}: the fact's first one): a fact of the
 * loop happens in a place, so its grid, the grid's community and its street can each be scored by a rule of its own.
 */
public enum Fact {
    /** accepted (立案): a valid report; the reporter (users only, not hotline callers or partner systems), or its place */
    VALID_REPORT(Source.LIFECYCLE, "USER", "GRID", "COMMUNITY", "STREET"),
    /** closed, scored by satisfaction level; the grid, its community, its street */
    CLOSED(Source.LIFECYCLE, "GRID", "COMMUNITY", "STREET"),
    /** closed and resolved by the deadline; the grid, its community, its street */
    RESOLVED_ON_TIME(Source.LIFECYCLE, "GRID", "COMMUNITY", "STREET"),
    /** closed but resolved after the deadline; the grid, its community, its street */
    OVERDUE(Source.LIFECYCLE, "GRID", "COMMUNITY", "STREET"),
    /** verification failed, back for rework; once per rework (the event and the time of the transition) */
    REWORK(Source.LIFECYCLE, "GRID", "COMMUNITY", "STREET"),
    /** reopened after a DISSATISFIED follow-up, scored by level; once per reopening (the event and the time of the transition) */
    REOPENED(Source.LIFECYCLE, "GRID", "COMMUNITY", "STREET"),
    /** 即办件: solved on the spot when reported; the grid worker who fixed it, or its place */
    SOLVED_ON_SPOT(Source.LIFECYCLE, "USER", "GRID", "COMMUNITY", "STREET"),
    VISIT_MADE(Source.RECORD, "USER"),
    MONTHLY_COVERAGE(Source.RECORD, "GRID"),
    VOLUNTEER_SERVICE(Source.RECORD, "USER"),
    MANUAL_BONUS(Source.MANUAL, "USER", "GRID", "COMMUNITY", "STREET"),
    MANUAL_PENALTY(Source.MANUAL, "USER", "GRID", "COMMUNITY", "STREET");

    public enum Source {
        LIFECYCLE, RECORD, MANUAL
    }

    private final Source source;
    private final java.util.List<String> subjectTypes;

    Fact(Source source, String... subjectTypes) {
        this.source = source;
        this.subjectTypes = java.util.List.of(subjectTypes);
    }

    /** The subject types a rule of this fact may score, besides {@code ANY}. */
    public java.util.List<String> subjectTypes() {
        return subjectTypes;
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
