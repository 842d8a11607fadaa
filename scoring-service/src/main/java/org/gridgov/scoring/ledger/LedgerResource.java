package org.gridgov.scoring.ledger;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.period.AccountingPeriods;
import org.gridgov.scoring.jdbc.Sql;
import org.gridgov.scoring.access.SubjectScope;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/ledger")
@Tag(name = "Ledger")
@RolesAllowed({ "scorer", "supervisor", "admin" })
public class LedgerResource {

    public record Summary(long entries, long total, long sources, long duplicateCredits) {
    }

    public record Balance(String subject, String period, long points, long entries, long approved, long pending, long rejected) {
    }

    public record Mismatch(String subject, String period, long ledgerPoints, long balancePoints, long ledgerApproved,
            long balanceApproved, long ledgerEntries, long balanceEntries) {
    }

    public record Consistency(String period, long subjects, List<Mismatch> mismatches) {
    }

    public record Reversal(String reason) {
    }

    @Inject
    Db db;

    @Inject
    ManualEntries recording;

    @Inject
    SecurityIdentity caller;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @GET
    @Operation(summary = "Ledger entries in ledger order, filtered by subject, period, source, rule and status",
            description = "Only entries of subjects inside the caller's jurisdiction")
    public List<EntryView> entries(@QueryParam("subject") String subject, @QueryParam("period") String period,
            @QueryParam("sourceRef") String sourceRef, @QueryParam("rule") String rule, @QueryParam("status") String status,
            @QueryParam("limit") Integer limit) {
        org.gridgov.common.security.Jurisdiction.Filter scope = SubjectScope.filter(jurisdiction.get(), "ledger_entry.subject");
        StringBuilder q = new StringBuilder("select " + EntryView.COLUMNS + " from ledger_entry where " + scope.clause());
        List<Object> args = new ArrayList<>(scope.positional());
        if (subject != null) {
            q.append(" and subject = ?");
            args.add(subject);
        }
        if (period != null) {
            q.append(" and period = any(?)");
            args.add(AccountingPeriods.parse(period, "period").months());
        }
        if (sourceRef != null) {
            q.append(" and source_ref = ?");
            args.add(sourceRef);
        }
        if (rule != null) {
            q.append(rule.contains("@") ? " and rule = ?" : " and rule_id = ?");
            args.add(rule);
        }
        if (status != null) {
            if (!List.of("PENDING", "APPROVED", "REJECTED").contains(status)) {
                throw ProblemException.invalid("status", "PENDING, APPROVED or REJECTED");
            }
            q.append(" and status = ?");
            args.add(status);
        }
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        q.append(" order by seq limit ").append(n);
        return db.read(c -> Sql.list(c, q.toString(), EntryView::map, args.toArray()));
    }

    @GET
    @Path("/entries/{id}")
    @Operation(summary = "One ledger entry with its source, record and audit fields")
    public EntryView entry(@PathParam("id") UUID id) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        return db.read(c -> LedgerSql.entry(c, id).filter(e -> SubjectScope.visible(c, j, e.subject())))
                .orElseThrow(() -> ProblemException.notFound("ledger entry " + id));
    }

    @POST
    @Path("/entries")
    @RolesAllowed({ "scorer", "admin" })
    @Operation(summary = "Record a fact of the day or a bonus/penalty (一日一记录)", description = "Lands as PENDING for the "
            + "monthly audit. Bonus and penalty (manual-bonus, manual-penalty) are 1 to 10 points with a reason and evidence; "
            + "recorded facts (visit-made, monthly-coverage, volunteer-service) take their points from the rule. "
            + "A retry with the same Idempotency-Key returns the first entry (200).")
    public Response record(ManualEntries.RecordRequest body,
            @Parameter(description = "client-chosen key that makes retries safe") @Size(max = 200) @HeaderParam("Idempotency-Key") String key) {
        if (body != null && body.subject() != null && body.subject().matches("^(USER|GRID|COMMUNITY|STREET):.+$")) {
            org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
            db.read(c -> {
                SubjectScope.checkWrite(c, j, body.subject());
                return null;
            });
        }
        ManualEntries.Recorded r = recording.record(body, caller.getPrincipal().getName(), key);
        return (r.created() ? Response.created(URI.create("/ledger/entries/" + r.entry().id())) : Response.ok()).entity(r.entry()).build();
    }

    @POST
    @Path("/entries/{id}/reversal")
    @RolesAllowed({ "scorer", "admin" })
    @Operation(summary = "Correct an approved entry with a new entry of the opposite points (entries are never edited)")
    public Response reverse(@PathParam("id") UUID id, Reversal body) {
        entry(id); // 404 outside the caller's jurisdiction
        EntryView e = recording.reverse(id, body == null ? null : body.reason(), caller.getPrincipal().getName());
        return Response.created(URI.create("/ledger/entries/" + e.id())).entity(e).build();
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Totals over the whole ledger, with the number of facts credited more than once to a subject under a rule")
    public Summary summary() {
        return db.read(c -> Sql.one(c, "select count(*), coalesce(sum(points), 0), count(distinct source_ref), "
                + "(select count(*) from (select 1 from ledger_entry group by rule_id, subject, fact_key having count(*) > 1) d) "
                + "+ (select count(*) from (select 1 from ledger_entry where kind = 'FACT' group by source_event, rule, subject "
                + "having count(*) > 1) d) from ledger_entry",
                rs -> new Summary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).orElseThrow());
    }

    public record RuleTotal(String rule, long entries, long points) {
    }

    @GET
    @Path("/totals")
    @RolesAllowed("admin")
    @Operation(summary = "Entries and points per rule over the whole ledger, or one month, quarter or year (admin: every county)")
    public List<RuleTotal> totals(@QueryParam("period") String period) {
        List<String> months = period == null ? null : AccountingPeriods.parse(period, "period").months();
        String sql = "select rule_id, count(*), coalesce(sum(points) filter (where status <> 'REJECTED'), 0) from ledger_entry "
                + (months == null ? "" : "where period = any(?) ") + "group by rule_id order by rule_id";
        return db.read(c -> Sql.list(c, sql, rs -> new RuleTotal(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                months == null ? new Object[0] : new Object[] { months }));
    }

    @GET
    @Path("/balances/{subject}")
    @Operation(summary = "A subject's points recomputed from the ledger, for a month, quarter, year or all time",
            description = "points = pending + approved; rejected entries count nothing")
    public Balance balance(@PathParam("subject") String subject, @QueryParam("period") String period) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        db.read(c -> {
            SubjectScope.checkRead(c, j, subject);
            return null;
        });
        List<String> months = period == null ? null : AccountingPeriods.parse(period, "period").months();
        return db.read(c -> Sql.one(c, "select coalesce(sum(points) filter (where status <> 'REJECTED'), 0), count(*), "
                + "coalesce(sum(points) filter (where status = 'APPROVED'), 0), coalesce(sum(points) filter (where status = 'PENDING'), 0), "
                + "coalesce(sum(points) filter (where status = 'REJECTED'), 0) from ledger_entry where subject = ? "
                + (months == null ? "" : "and period = any(?)"),
                rs -> new Balance(subject, period, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                months == null ? new Object[] { subject } : new Object[] { subject, months }).orElseThrow());
    }

    @GET
    @Path("/consistency")
    @Operation(summary = "Recompute every subject's balance for a period from the ledger and compare it with the balances "
            + "rankings and statements use; lists the differences (none expected)")
    public Consistency consistency(@QueryParam("period") String period) {
        AccountingPeriods.Period p = AccountingPeriods.parse(period, "period");
        return db.read(c -> {
            List<Mismatch> mismatches = Sql.list(c, """
                    with led as (
                        select subject, coalesce(sum(points) filter (where status <> 'REJECTED'), 0) points,
                               coalesce(sum(points) filter (where status = 'APPROVED'), 0) approved, count(*) entries
                        from ledger_entry where period = any(?) group by subject),
                    bal as (select subject, points, approved, entries from subject_balance where period = ?)
                    select coalesce(l.subject, b.subject) subject, coalesce(l.points, 0) lp, coalesce(b.points, 0) bp,
                           coalesce(l.approved, 0) la, coalesce(b.approved, 0) ba, coalesce(l.entries, 0) le, coalesce(b.entries, 0) be
                    from led l full join bal b on b.subject = l.subject
                    where coalesce(l.points, 0) <> coalesce(b.points, 0) or coalesce(l.approved, 0) <> coalesce(b.approved, 0)
                       or coalesce(l.entries, 0) <> coalesce(b.entries, 0)
                    order by 1 limit 1000""",
                    rs -> new Mismatch(rs.getString(1), p.value(), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7)), p.months(), p.value());
            org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
            mismatches = mismatches.stream().filter(m -> SubjectScope.visible(c, j, m.subject())).toList();
            long subjects = Sql.count(c, "select count(distinct subject) from ledger_entry where period = any(?)", p.months());
            return new Consistency(p.value(), subjects, mismatches);
        });
    }
}
