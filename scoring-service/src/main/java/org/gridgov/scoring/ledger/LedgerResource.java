package org.gridgov.scoring.ledger;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/ledger")
@Tag(name = "Ledger")
@RolesAllowed({ "scorer", "supervisor", "admin" })
public class LedgerResource {

    public record EntryView(UUID id, String subject, int points, String rule, String sourceEvent, String sourceRef,
            String period, String status, OffsetDateTime createdAt) {
        static EntryView of(LedgerEntry l) {
            return new EntryView(l.id, l.subject, l.points, l.rule, l.sourceEvent, l.sourceRef, l.period, l.status, l.createdAt);
        }
    }

    public record Summary(long entries, long total, long sources, long duplicateCredits) {
    }

    public record Balance(String subject, String period, long points, long entries) {
    }

    @GET
    @Operation(summary = "Ledger entries, filtered by subject, period and source event")
    public List<EntryView> entries(@QueryParam("subject") String subject, @QueryParam("period") String period,
            @QueryParam("sourceRef") String sourceRef, @QueryParam("limit") Integer limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (subject != null) {
            q.append(" and subject = :subject");
            p.put("subject", subject);
        }
        if (period != null) {
            q.append(" and period = :period");
            p.put("period", period);
        }
        if (sourceRef != null) {
            q.append(" and sourceRef = :ref");
            p.put("ref", sourceRef);
        }
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return LedgerEntry.<LedgerEntry>find(q.toString(), Sort.by("createdAt"), p).page(0, n).list().stream()
                .map(EntryView::of).toList();
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Totals over the whole ledger, with the number of (event, rule, subject) credited more than once")
    public Summary summary() {
        Object[] row = (Object[]) LedgerEntry.getEntityManager().createNativeQuery(
                "select count(*), coalesce(sum(points), 0), count(distinct source_ref), "
                        + "(select count(*) from (select 1 from ledger_entry group by source_ref, rule, subject having count(*) > 1) d) "
                        + "from ledger_entry").getSingleResult();
        return new Summary(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue());
    }

    @GET
    @Path("/balances/{subject}")
    @Operation(summary = "A subject's points, recomputed from the ledger, for one period or all time")
    public Balance balance(@PathParam("subject") String subject, @QueryParam("period") String period) {
        Object[] row = (Object[]) LedgerEntry.getEntityManager().createNativeQuery(
                "select coalesce(sum(points), 0), count(*) from ledger_entry where subject = :s and status <> 'REJECTED' "
                        + "and (cast(:p as text) is null or period = cast(:p as text))")
                .setParameter("s", subject).setParameter("p", period).getSingleResult();
        return new Balance(subject, period, ((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
}
