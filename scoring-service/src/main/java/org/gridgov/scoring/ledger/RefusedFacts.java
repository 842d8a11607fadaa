package org.gridgov.scoring.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.gridgov.scoring.jdbc.Sql;
import org.gridgov.scoring.period.AccountingPeriods;
import org.gridgov.scoring.rules.RuleVersion;

/**
 * Consumed facts a rule could not credit, with the reason: a rule version that requires evidence and a fact that
 * carries none, or a rule of a subject type the fact does not name. A fact is never dropped silently; a scorer
 * sees these at {@code GET /ledger/refused-facts} and may record the fact by hand with its evidence.
 */
public final class RefusedFacts {
    static final String COLUMNS = "id, rule_id || '@' || rule_version as rule, fact, subject, fact_key, source_event, source_ref, "
            + "period, occurred_at, reason, refused_at";

    private RefusedFacts() {
    }

    /** A refused fact as the API shows it: {@code rule} is {@code <ruleId>@<version>}, {@code sourceRef} the event (or visit). */
    public record RefusedFact(UUID id, String rule, String fact, String subject, String factKey, String sourceEvent, String sourceRef,
            String period, OffsetDateTime occurredAt, String reason, OffsetDateTime refusedAt) {
    }

    /**
     * Records a refusal once per rule, subject and fact (a redelivered fact is refused once).
     *
     * @param subject the subject the rule would credit; null when the fact names none of its type (then the fact's first)
     */
    static void refuse(Connection c, RuleVersion r, LedgerSql.Credit f, String subject, String reason) {
        String s = subject != null ? subject : f.subjectFor().apply("ANY");
        if (s == null) {
            throw new IllegalStateException("a " + f.fact() + " fact without any subject");
        }
        Sql.update(c, "insert into refused_fact (id, rule_id, rule_version, fact, subject, subject_type, fact_key, source_event, "
                + "source_ref, period, occurred_at, reason, refused_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                UUID.randomUUID(), r.ruleId(), r.version(), f.fact().name(), s, LedgerSql.subjectType(s), f.factKey(), f.sourceEvent(),
                f.sourceRef(), AccountingPeriods.monthOf(f.at()), f.at(), reason, org.gridgov.common.clock.SuiteClock.now());
    }

    static RefusedFact map(ResultSet rs) throws SQLException {
        return new RefusedFact(rs.getObject("id", UUID.class), rs.getString("rule"), rs.getString("fact"), rs.getString("subject"),
                rs.getString("fact_key"), rs.getString("source_event"), rs.getString("source_ref"), rs.getString("period"),
                Sql.time(rs, "occurred_at"), rs.getString("reason"), Sql.time(rs, "refused_at"));
    }
}
