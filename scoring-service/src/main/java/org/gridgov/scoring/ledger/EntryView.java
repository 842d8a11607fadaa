package org.gridgov.scoring.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.scoring.jdbc.Sql;

/**
 * A ledger entry as the API shows it.
 *
 * @param rule        {@code <ruleId>@<version>}
 * @param sourceEvent CloudEvents id of the message that earned the points ({@code api:<id>} for entries made through the API)
 * @param sourceRef   the event (or visit, or record) the points are for
 * @param kind        FACT (from a lifecycle event), RECORD (a recorded fact), MANUAL (bonus or penalty), CORRECTION
 * @param county      the county the entry counts in (its subject's when written); null for an individual without a home code
 *                    whose fact names no county. Its rule version is that county's own or the shared one
 *                    ({@code GET /rules/{ruleId}/versions/{version}} shows which)
 */
public record EntryView(UUID id, long seq, String subject, int points, String rule, String sourceEvent, String sourceRef,
        String period, String status, String kind, OffsetDateTime occurredAt, String place, String reason, List<String> evidence,
        String indicator, String recordedBy, UUID corrects, String auditedBy, String auditReason, OffsetDateTime auditedAt,
        OffsetDateTime createdAt, String county) {

    public static final String COLUMNS = "id, seq, subject, points, rule, source_event, source_ref, period, status, kind, occurred_at, "
            + "place, reason, evidence, indicator, recorded_by, corrects, audited_by, audit_reason, audited_at, created_at, county";

    public static EntryView map(ResultSet rs) throws SQLException {
        return new EntryView(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getString("subject"), rs.getInt("points"),
                rs.getString("rule"), rs.getString("source_event"), rs.getString("source_ref"), rs.getString("period"),
                rs.getString("status"), rs.getString("kind"), Sql.time(rs, "occurred_at"), rs.getString("place"),
                rs.getString("reason"), Sql.strings(rs, "evidence"), rs.getString("indicator"), rs.getString("recorded_by"),
                rs.getObject("corrects", UUID.class), rs.getString("audited_by"), rs.getString("audit_reason"),
                Sql.time(rs, "audited_at"), Sql.time(rs, "created_at"), rs.getString("county"));
    }
}
