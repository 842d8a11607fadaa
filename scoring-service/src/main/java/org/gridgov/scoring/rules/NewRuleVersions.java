package org.gridgov.scoring.rules;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.gridgov.common.problem.Problem.FieldError;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.scoring.jdbc.Sql;

/** Checks a new rule version against the rule's versions: 400 naming every bad field. */
final class NewRuleVersions {
    static final List<String> SUBJECT_TYPES = List.of("USER", "GRID", "COMMUNITY", "STREET", "ANY");

    /** what the new version is, its defaults filled in from the rule's latest version */
    record Checked(String fact, String subjectType, Map<String, Integer> pointsBy, Map<String, Integer> classPoints,
            boolean requiresEvidence) {
    }

    private NewRuleVersions() {
    }

    /**
     * @param county   the county whose own version it is; null: the shared version
     * @param existing every version of the rule, every county's, by version
     */
    static Checked check(Connection c, String ruleId, String county, RuleResource.NewVersion body, List<RuleVersion> existing) {
        List<FieldError> errors = new ArrayList<>();
        if (!ruleId.matches("^[a-z0-9-]{1,60}$")) {
            errors.add(new FieldError("ruleId", "lower-case letters, digits and dashes"));
        }
        Optional<RuleVersion> latest = existing.stream().reduce((a, b) -> b);
        // the county's own previous version (or the previous shared one): the new one follows it
        Optional<RuleVersion> previous = existing.stream().filter(v -> Objects.equals(v.county(), county)).reduce((a, b) -> b);
        String fact = body.fact() != null ? body.fact() : latest.map(RuleVersion::fact).orElse(null);
        String subjectType = body.subjectType() != null ? body.subjectType() : latest.map(RuleVersion::subjectType).orElse(null);
        checkFact(errors, fact, subjectType, latest);
        if (county != null && latest.isPresent() && subjectType != null && !latest.get().subjectType().equals(subjectType)) {
            errors.add(new FieldError("subjectType", "a county's version keeps the rule's subject type (" + latest.get().subjectType() + ")"));
        }
        Map<String, Integer> pointsBy = body.pointsBy() == null ? Map.of() : body.pointsBy();
        Map<String, Integer> classPoints = body.classPoints() == null ? Map.of() : body.classPoints();
        boolean manual = fact != null && Fact.known(fact) && Fact.valueOf(fact).manual();
        checkPoints(c, errors, body, manual, pointsBy, classPoints);
        if (body.effectiveFrom() == null) {
            errors.add(new FieldError("effectiveFrom", "required: from when facts are scored by this version"));
        } else if (previous.isPresent() && !body.effectiveFrom().isAfter(previous.get().effectiveFrom())) {
            errors.add(new FieldError("effectiveFrom", "must be after " + previous.get().rule() + "'s " + previous.get().effectiveFrom()));
        }
        if (body.description() == null || body.description().isBlank() || body.description().length() > 1000) {
            errors.add(new FieldError("description", "1 to 1000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        boolean evidence = body.requiresEvidence() != null ? body.requiresEvidence()
                : previous.or(() -> latest).map(RuleVersion::requiresEvidence).orElse(manual);
        return new Checked(fact, subjectType, pointsBy, classPoints, evidence);
    }

    private static void checkFact(List<FieldError> errors, String fact, String subjectType, Optional<RuleVersion> latest) {
        if (fact == null || !Fact.known(fact)) {
            errors.add(new FieldError("fact", "one of " + List.of(Fact.values())));
        } else if (latest.isPresent() && !latest.get().fact().equals(fact)) {
            errors.add(new FieldError("fact", "a rule keeps its fact (" + latest.get().fact() + "); write a new rule"));
        }
        if (subjectType == null || !SUBJECT_TYPES.contains(subjectType)) {
            errors.add(new FieldError("subjectType", "USER, GRID, COMMUNITY, STREET or ANY"));
        } else if (fact != null && Fact.known(fact) && !subjectType.equals("ANY") && !Fact.valueOf(fact).subjectTypes().contains(subjectType)) {
            errors.add(new FieldError("subjectType", fact + " scores " + String.join(", ", Fact.valueOf(fact).subjectTypes())
                    + " or ANY, not " + subjectType));
        }
    }

    private static void checkPoints(Connection c, List<FieldError> errors, RuleResource.NewVersion body, boolean manual,
            Map<String, Integer> pointsBy, Map<String, Integer> classPoints) {
        if (manual && (body.points() != null || !pointsBy.isEmpty() || !classPoints.isEmpty())) {
            errors.add(new FieldError("points", "the scorer gives the points of a bonus or penalty (1 to 10)"));
        }
        if (!manual && body.points() == null && pointsBy.isEmpty()) {
            errors.add(new FieldError("points", "points or pointsBy is required"));
        }
        checkRange(errors, "points", body.points());
        pointsBy.forEach((k, p) -> checkRange(errors, "pointsBy." + k, p));
        classPoints.forEach((k, p) -> {
            checkRange(errors, "classPoints." + k, p);
            if (Sql.count(c, "select count(*) from subject_class where code = ?", k) == 0) {
                errors.add(new FieldError("classPoints." + k, "unknown class " + k));
            }
        });
    }

    private static void checkRange(List<FieldError> errors, String field, Integer p) {
        if (p != null && (p < -100 || p > 100)) {
            errors.add(new FieldError(field, "-100 to 100"));
        }
    }
}
