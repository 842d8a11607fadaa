package org.gridgov.scoring.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.contract.payload.PointsCreditedV1;
import org.gridgov.common.messaging.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Writes ledger entries for facts of the loop and announces them. */
@ApplicationScoped
public class Ledger {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyy-MM");

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public int credit(String cloudEventId, EventType type, EventLifecycleV1 e) {
        int n = 0;
        OffsetDateTime at = e.occurredAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : e.occurredAt();
        for (ScoringRules.Credit c : ScoringRules.creditsFor(type, e)) {
            LedgerEntry l = new LedgerEntry();
            l.id = UUID.randomUUID();
            l.subject = c.subject();
            l.points = c.points();
            l.rule = c.rule();
            l.sourceEvent = cloudEventId;
            l.sourceRef = e.eventId().toString();
            l.period = at.atZoneSameInstant(ZONE).format(PERIOD);
            l.status = "PENDING";
            l.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            l.persist();
            outbox.publish(EventType.POINTS_CREDITED, l.subject, l.subject, new PointsCreditedV1(l.id, l.subject,
                    l.points, l.rule, l.sourceEvent, l.sourceRef, l.period, l.status));
            n++;
        }
        return n;
    }
}
