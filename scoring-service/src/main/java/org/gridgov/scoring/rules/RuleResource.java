package org.gridgov.scoring.rules;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.problem.SaneValues;
import org.gridgov.common.security.CountyScoped;
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
     *
     * @param county a county's own version (6 digits; also as the query parameter {@code county}); absent: the shared version
     */
    public record NewVersion(String fact, String subjectType, Integer points, Map<String, Integer> pointsBy,
            Map<String, Integer> classPoints, Boolean requiresEvidence, OffsetDateTime effectiveFrom, String description, String county) {
    }

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @Inject
    Db db;

    @Inject
    SecurityIdentity caller;

    @GET
    @Operation(summary = "Every rule version, or only those in force at a time (at=...)",
            description = "county: what applies in the county, its own versions and the shared ones; with at, the version of each "
                    + "rule in force there (the county's own if it has one, else the shared one). Without county, every county's")
    public List<RuleVersion> all(@QueryParam("at") String at, @QueryParam("county") String county) {
        org.gridgov.scoring.access.Counties.checkCode(county);
        if (at == null) {
            return county == null ? db.read(RuleBook::all) : db.read(c -> RuleBook.all(c, county));
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(at);
        } catch (RuntimeException e) {
            throw ProblemException.invalid("at", "an ISO 8601 date-time with offset");
        }
        SaneValues.check("at", t);
        if (county != null) {
            return db.read(c -> RuleBook.allInForce(c, t, county));
        }
        return db.read(c -> Sql.list(c, "select distinct on (rule_id, county) " + RuleBook.COLUMNS + " from rule_version "
                + "where effective_from <= ? order by rule_id, county nulls first, effective_from desc, version desc", RuleBook::map, t));
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
    @CountyScoped
    @Transactional
    @Operation(summary = "Write the next version of a rule (or the first version of a new rule), shared or a county's own",
            description = "county (body or query): a county's own version, which scores the facts of that county's subjects from its "
                    + "effectiveFrom on; its administrator or the system administrator (403 otherwise). Without county the shared "
                    + "version, the system administrator only. A county's version keeps the rule's fact and subject type and "
                    + "follows the county's previous version (effectiveFrom after it); version numbers are counted across counties")
    public Response add(@PathParam("ruleId") String ruleId, @QueryParam("county") String countyParam, NewVersion body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON body is required");
        }
        if (countyParam != null && body.county() != null && !countyParam.equals(body.county())) {
            throw ProblemException.invalid("county", "the query says " + countyParam + ", the body " + body.county());
        }
        String county = org.gridgov.scoring.access.Counties.checkCode(countyParam != null ? countyParam : body.county());
        jurisdiction.get().checkAdminister(county, "rule " + ruleId + (county == null ? "" : " in county " + county));
        RuleVersion v = db.inTx(c -> {
            Sql.one(c, "select pg_advisory_xact_lock(hashtext('scoring.rule:' || ?))::text", rs -> rs.getString(1), ruleId);
            List<RuleVersion> existing = RuleBook.versions(c, ruleId);
            NewRuleVersions.Checked checked = NewRuleVersions.check(c, ruleId, county, body, existing);
            int next = existing.stream().mapToInt(RuleVersion::version).max().orElse(0) + 1;
            Sql.update(c, "insert into rule_version (rule_id, version, fact, subject_type, points, points_by, class_points, "
                    + "requires_evidence, effective_from, description, created_at, created_by, county) "
                    + "values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?)",
                    ruleId, next, checked.fact(), checked.subjectType(), body.points(), RuleBook.json(checked.pointsBy()),
                    RuleBook.json(checked.classPoints()), checked.requiresEvidence(), body.effectiveFrom(), body.description(),
                    OffsetDateTime.now(ZoneOffset.UTC), caller.getPrincipal().getName(), county);
            return RuleBook.find(c, ruleId, next).orElseThrow();
        });
        return Response.created(URI.create("/rules/" + ruleId + "/versions/" + v.version())).entity(v).build();
    }
}
