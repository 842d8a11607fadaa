package org.gridgov.scoring.rules;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.Problem.FieldError;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.problem.SaneValues;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.jdbc.Sql;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Scoring rules as versioned data. A new version applies to facts from its effectiveFrom on; past entries keep theirs. */
@Path("/rules")
@Tag(name = "Rules")
@RolesAllowed({ "scorer", "supervisor", "admin" })
public class RuleResource {

    /**
     * A new version of a rule. For a new rule id, fact and subjectType are required; for an existing one
     * they default to the latest version's.
     */
    public record NewVersion(String fact, String subjectType, Integer points, Map<String, Integer> pointsBy,
            Map<String, Integer> classPoints, Boolean requiresEvidence, OffsetDateTime effectiveFrom, String description) {
    }

    @Inject
    Db db;

    @Inject
    SecurityIdentity caller;

    @GET
    @Operation(summary = "Every rule version, or only those in force at a time (at=...)")
    public List<RuleVersion> all(@QueryParam("at") String at) {
        if (at == null) {
            return db.read(RuleBook::all);
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(at);
        } catch (RuntimeException e) {
            throw ProblemException.invalid("at", "an ISO 8601 date-time with offset");
        }
        SaneValues.check("at", t);
        return db.read(c -> Sql.list(c, "select distinct on (rule_id) " + RuleBook.COLUMNS + " from rule_version where effective_from <= ? "
                + "order by rule_id, effective_from desc, version desc", RuleBook::map, t));
    }

    @GET
    @Path("/{ruleId}")
    @Operation(summary = "All versions of a rule")
    public List<RuleVersion> versions(@PathParam("ruleId") String ruleId) {
        List<RuleVersion> v = db.read(c -> RuleBook.versions(c, ruleId));
        if (v.isEmpty()) {
            throw ProblemException.notFound("rule " + ruleId);
        }
        return v;
    }

    @GET
    @Path("/{ruleId}/versions/{version}")
    @Operation(summary = "One rule version")
    public RuleVersion version(@PathParam("ruleId") String ruleId, @PathParam("version") int version) {
        return db.read(c -> RuleBook.find(c, ruleId, version)).orElseThrow(() -> ProblemException.notFound("rule version " + ruleId + "@" + version));
    }

    @POST
    @Path("/{ruleId}/versions")
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Write the next version of a rule (or the first version of a new rule)")
    public Response add(@PathParam("ruleId") String ruleId, NewVersion body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON body is required");
        }
        RuleVersion v = db.inTx(c -> {
            Sql.one(c, "select pg_advisory_xact_lock(hashtext('scoring.rule:' || ?))::text", rs -> rs.getString(1), ruleId);
            List<FieldError> errors = new ArrayList<>();
            if (!ruleId.matches("^[a-z0-9-]{1,60}$")) {
                errors.add(new FieldError("ruleId", "lower-case letters, digits and dashes"));
            }
            List<RuleVersion> existing = RuleBook.versions(c, ruleId);
            Optional<RuleVersion> latest = existing.stream().reduce((a, b) -> b);
            String fact = body.fact() != null ? body.fact() : latest.map(RuleVersion::fact).orElse(null);
            String subjectType = body.subjectType() != null ? body.subjectType() : latest.map(RuleVersion::subjectType).orElse(null);
            if (fact == null || !Fact.known(fact)) {
                errors.add(new FieldError("fact", "one of " + List.of(Fact.values())));
            } else if (latest.isPresent() && !latest.get().fact().equals(fact)) {
                errors.add(new FieldError("fact", "a rule keeps its fact (" + latest.get().fact() + "); write a new rule"));
            }
            if (subjectType == null || !List.of("USER", "GRID", "COMMUNITY", "STREET", "ANY").contains(subjectType)) {
                errors.add(new FieldError("subjectType", "USER, GRID, COMMUNITY, STREET or ANY"));
            } else if (fact != null && Fact.known(fact) && !subjectType.equals("ANY") && !Fact.valueOf(fact).subjectTypes().contains(subjectType)) {
                errors.add(new FieldError("subjectType", fact + " scores " + String.join(", ", Fact.valueOf(fact).subjectTypes())
                        + " or ANY, not " + subjectType));
            }
            Map<String, Integer> pointsBy = body.pointsBy() == null ? Map.of() : body.pointsBy();
            Map<String, Integer> classPoints = body.classPoints() == null ? Map.of() : body.classPoints();
            boolean manual = fact != null && Fact.known(fact) && Fact.valueOf(fact).manual();
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
            if (body.effectiveFrom() == null) {
                errors.add(new FieldError("effectiveFrom", "required: from when facts are scored by this version"));
            } else if (latest.isPresent() && !body.effectiveFrom().isAfter(latest.get().effectiveFrom())) {
                errors.add(new FieldError("effectiveFrom", "must be after " + latest.get().rule() + "'s " + latest.get().effectiveFrom()));
            }
            if (body.description() == null || body.description().isBlank() || body.description().length() > 1000) {
                errors.add(new FieldError("description", "1 to 1000 characters"));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            int next = latest.map(l -> l.version() + 1).orElse(1);
            Sql.update(c, "insert into rule_version (rule_id, version, fact, subject_type, points, points_by, class_points, "
                    + "requires_evidence, effective_from, description, created_at, created_by) "
                    + "values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?)",
                    ruleId, next, fact, subjectType, body.points(), RuleBook.json(pointsBy), RuleBook.json(classPoints),
                    body.requiresEvidence() != null ? body.requiresEvidence() : latest.map(RuleVersion::requiresEvidence).orElse(manual),
                    body.effectiveFrom(), body.description(), OffsetDateTime.now(ZoneOffset.UTC), caller.getPrincipal().getName());
            return RuleBook.find(c, ruleId, next).orElseThrow();
        });
        return Response.created(URI.create("/rules/" + ruleId + "/versions/" + v.version())).entity(v).build();
    }

    private static void checkRange(List<FieldError> errors, String field, Integer p) {
        if (p != null && (p < -100 || p > 100)) {
            errors.add(new FieldError(field, "-100 to 100"));
        }
    }
}
