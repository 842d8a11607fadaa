package org.gridgov.scoring.rules;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One version of a scoring rule. Never changed once written.
 *
 * @param points      fixed points, null when the level or the scorer decides
 * @param pointsBy    points by level, e.g. satisfaction level to points
 * @param classPoints points by class of individual (each class's own standard); wins over the rest
 * @param county      the county whose own version this is (6 digits); null for the version every county shares
 */
public record RuleVersion(String ruleId, int version, String fact, String subjectType, Integer points,
        Map<String, Integer> pointsBy, Map<String, Integer> classPoints, boolean requiresEvidence,
        OffsetDateTime effectiveFrom, String description, OffsetDateTime createdAt, String createdBy, String county) {

    /** {@code <ruleId>@<version>}, the form entries and messages carry. */
    public String rule() {
        return ruleId + "@" + version;
    }

    /** The points a fact earns a subject under this version, or null when it earns nothing. */
    public Integer pointsFor(String level, String subjectClass) {
        if (subjectClass != null && classPoints.containsKey(subjectClass)) {
            return classPoints.get(subjectClass);
        }
        if (!pointsBy.isEmpty()) {
            return level == null ? null : pointsBy.get(level);
        }
        return points;
    }

    public boolean manual() {
        return Fact.valueOf(fact).manual();
    }
}
