package org.gridgov.scoring.indicators;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.Problem.FieldError;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.CountyScoped;
import org.gridgov.common.security.CurrentJurisdiction;
import org.gridgov.scoring.access.Counties;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.jdbc.Sql;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * The indicator classes of the annual accounting and their weights: shared by every county (the system administrator
 * sets them), or a county's own (its administrator or the system administrator). The weights of a community kind sum to 1.
 */
@Path("/indicators")
@Tag(name = "Indicators")
public class IndicatorResource {

    /** @param county the county whose own weight this is; null: the shared weight */
    public record Indicator(String code, String communityKind, String name, double weight, String county) {
    }

    /** the weight of every indicator of the kind, e.g. {@code {"urban.basic-work": 0.2, ...}} */
    public record Weights(Map<String, BigDecimal> weights) {
    }

    @Inject
    Db db;

    @Inject
    CurrentJurisdiction jurisdiction;

    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed("**")
    @Operation(summary = "Indicator classes: 6 for urban communities, 7 for rural villages, each with its weight",
            description = "county: the weights a county's annual accounting uses (its own where it set them, else the shared "
                    + "ones); without it the shared weights")
    public List<Indicator> indicators(@QueryParam("county") String county) {
        Counties.checkCode(county);
        return db.read(c -> list(c, county));
    }

    static List<Indicator> list(java.sql.Connection c, String county) {
        return Sql.list(c, "select i.code, i.community_kind, i.name, coalesce(w.weight, i.weight) weight, w.county from indicator i "
                + "left join indicator_weight w on w.code = i.code and w.county = ? order by i.community_kind desc, i.code",
                rs -> new Indicator(rs.getString("code"), rs.getString("community_kind"), rs.getString("name"), rs.getDouble("weight"),
                        rs.getString("county")), county);
    }

    @PUT
    @Path("/{kind}")
    @RolesAllowed("admin")
    @CountyScoped
    @Transactional
    @Operation(summary = "Set the weights of a community kind's indicators (URBAN or RURAL): every indicator of the kind, summing to 1",
            description = "county: a county's own weights (its administrator or the system administrator; 403 otherwise); without "
                    + "it the shared weights every county without its own uses (the system administrator only)")
    public List<Indicator> set(@PathParam("kind") String kind, @QueryParam("county") String county, Weights body) {
        Counties.checkCode(county);
        jurisdiction.get().checkAdminister(county, "the indicator weights" + (county == null ? "" : " of county " + county));
        if (!List.of("URBAN", "RURAL").contains(kind)) {
            throw ProblemException.invalid("kind", "URBAN or RURAL");
        }
        if (body == null || body.weights() == null) {
            throw ProblemException.invalid("weights", "required: the weight of every " + kind + " indicator");
        }
        return db.inTx(c -> {
            List<String> codes = Sql.list(c, "select code from indicator where community_kind = ? order by code", rs -> rs.getString(1), kind);
            check(codes, kind, new TreeMap<>(body.weights()));
            OffsetDateTime now = org.gridgov.common.clock.SuiteClock.now();
            for (String code : codes) {
                BigDecimal w = body.weights().get(code);
                if (county == null) {
                    Sql.update(c, "update indicator set weight = ? where code = ?", w, code);
                } else {
                    Sql.update(c, "insert into indicator_weight (county, code, weight, set_at, set_by) values (?, ?, ?, ?, ?) "
                            + "on conflict (county, code) do update set weight = excluded.weight, set_at = excluded.set_at, set_by = excluded.set_by",
                            county, code, w, now, caller.getPrincipal().getName());
                }
            }
            return list(c, county);
        });
    }

    /** 400 naming {@code weights.<code>} unless the weights are those of every indicator of the kind, each 0 to 1, summing to 1 */
    static void check(List<String> codes, String kind, Map<String, BigDecimal> weights) {
        List<FieldError> errors = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : weights.entrySet()) {
            BigDecimal w = e.getValue();
            if (!codes.contains(e.getKey())) {
                errors.add(new FieldError("weights." + e.getKey(), "not an indicator of " + kind + " communities: " + codes));
            } else if (w == null || w.signum() <= 0 || w.compareTo(BigDecimal.ONE) > 0 || w.stripTrailingZeros().scale() > 4) {
                errors.add(new FieldError("weights." + e.getKey(), "more than 0, at most 1, at most 4 decimals"));
            } else {
                sum = sum.add(w);
            }
        }
        for (String code : codes) {
            if (!weights.containsKey(code)) {
                errors.add(new FieldError("weights." + code, "required: every " + kind + " indicator has a weight"));
            }
        }
        if (errors.isEmpty() && sum.compareTo(BigDecimal.ONE) != 0) {
            errors.add(new FieldError("weights", "the weights of the " + kind + " indicators sum to 1, not " + sum.toPlainString()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
