package org.gridgov.scoring.ledger;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.period.AccountingPeriods;
import org.gridgov.scoring.jdbc.Sql;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** A subject's statement: every entry with its source, and the totals recomputed from the ledger. */
@Path("/statements/{subject}")
@Tag(name = "Statements")
public class StatementResource {

    /**
     * @param standard        the class's standard for the period (monthly standard times months), null without a class
     * @param standardReached whether points reach it
     * @param nextAfter       pass as {@code after} for the next page; null on the last page
     */
    public record Statement(String subject, String subjectType, String classCode, String period, long points, long approved,
            long pending, long rejected, long entries, Integer standard, Boolean standardReached, List<EntryView> items,
            Long nextAfter) {
    }

    @Inject
    Db db;

    @Inject
    SecurityIdentity caller;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @GET
    @RolesAllowed("**")
    @Operation(summary = "A subject's statement for a period (or all time), entry by entry with sources",
            description = "Scorers, supervisors and admins read the statements of subjects inside their jurisdiction (404 outside); anyone else reads only their own (USER:<their id>).")
    public Statement statement(@PathParam("subject") String subject, @QueryParam("period") String period,
            @QueryParam("limit") Integer limit, @QueryParam("after") Long after) {
        boolean staff = caller.hasRole("scorer") || caller.hasRole("supervisor") || caller.hasRole("admin");
        if (!staff && !subject.equals("USER:" + caller.getPrincipal().getName())) {
            throw ProblemException.forbidden("you may read your own statement (USER:" + caller.getPrincipal().getName() + ") only");
        }
        AccountingPeriods.Period p = period == null ? null : AccountingPeriods.parse(period, "period");
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        return db.read(c -> {
            if (staff) {
                org.gridgov.scoring.access.SubjectScope.checkRead(c, j, subject);
            }
            Object[] subj = Sql.one(c, "select subject_type, class_code, (select monthly_standard from subject_class k where k.code = s.class_code) "
                    + "from subject s where subject = ?", rs -> new Object[] { rs.getString(1), rs.getString(2), (Integer) rs.getObject(3) },
                    subject).orElse(null);
            if (subj == null && !LedgerSql.knownSubject(c, subject)) {
                throw ProblemException.notFound("subject " + subject);
            }
            String periodFilter = p == null ? "" : " and period = any(?)";
            List<Object> args = new ArrayList<>();
            args.add(subject);
            if (p != null) {
                args.add(p.months());
            }
            long[] t = Sql.one(c, "select coalesce(sum(points) filter (where status <> 'REJECTED'), 0), "
                    + "coalesce(sum(points) filter (where status = 'APPROVED'), 0), coalesce(sum(points) filter (where status = 'PENDING'), 0), "
                    + "coalesce(sum(points) filter (where status = 'REJECTED'), 0), count(*) from ledger_entry where subject = ?" + periodFilter,
                    rs -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) }, args.toArray())
                    .orElseThrow();
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(after == null ? 0L : after);
            List<EntryView> items = Sql.list(c, "select " + EntryView.COLUMNS + " from ledger_entry where subject = ?" + periodFilter
                    + " and seq > ? order by seq limit " + (n + 1), EntryView::map, pageArgs.toArray());
            Long next = null;
            if (items.size() > n) {
                items = items.subList(0, n);
                next = items.get(n - 1).seq();
            }
            Integer monthly = subj == null ? null : (Integer) subj[2];
            Integer standard = monthly == null ? null : monthly * (p == null ? 0 : p.months().size());
            if (p == null) {
                standard = null;
            }
            return new Statement(subject, subj == null ? LedgerSql.subjectType(subject) : (String) subj[0],
                    subj == null ? null : (String) subj[1], p == null ? null : p.value(), t[0], t[1], t[2], t[3], t[4], standard,
                    standard == null ? null : t[0] >= standard, items, next);
        });
    }
}
