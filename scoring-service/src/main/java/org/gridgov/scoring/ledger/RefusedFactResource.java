package org.gridgov.scoring.ledger;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.security.CurrentJurisdiction;
import org.gridgov.common.security.Jurisdiction;
import org.gridgov.scoring.access.SubjectScope;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.jdbc.Sql;
import org.gridgov.scoring.period.AccountingPeriods;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

@Path("/ledger/refused-facts")
@Tag(name = "Ledger")
@RolesAllowed({ "scorer", "supervisor", "admin" })
public class RefusedFactResource {

    @Inject
    Db db;

    @Inject
    CurrentJurisdiction jurisdiction;

    @GET
    @Operation(summary = "Consumed facts a rule could not credit, with the reason (e.g. the rule version requires evidence)",
            description = "Only facts of subjects inside the caller's jurisdiction; newest first")
    public List<RefusedFacts.RefusedFact> list(@QueryParam("period") String period, @QueryParam("subject") String subject,
            @QueryParam("sourceRef") String sourceRef, @QueryParam("limit") Integer limit) {
        Jurisdiction.Filter scope = SubjectScope.filter(jurisdiction.get(), "refused_fact.subject");
        StringBuilder q = new StringBuilder("select " + RefusedFacts.COLUMNS + " from refused_fact where " + scope.clause());
        List<Object> args = new ArrayList<>(scope.positional());
        if (period != null) {
            q.append(" and period = any(?)");
            args.add(AccountingPeriods.parse(period, "period").months());
        }
        if (subject != null) {
            q.append(" and subject = ?");
            args.add(subject);
        }
        if (sourceRef != null) {
            q.append(" and source_ref = ?");
            args.add(sourceRef);
        }
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        q.append(" order by refused_at desc, id limit ").append(n);
        return db.read(c -> Sql.list(c, q.toString(), RefusedFacts::map, args.toArray()));
    }
}
