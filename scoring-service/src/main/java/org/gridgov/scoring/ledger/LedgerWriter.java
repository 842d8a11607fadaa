package org.gridgov.scoring.ledger;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.contract.payload.PointsCreditedV1;
import org.gridgov.common.messaging.Outbox;
import org.gridgov.scoring.jdbc.Db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Writes ledger entries in the caller's transaction and announces each on gridgov.scoring.points.v1. */
@ApplicationScoped
public class LedgerWriter {

    @Inject
    Outbox outbox;

    @Inject
    Db db;

    @Transactional(Transactional.TxType.MANDATORY)
    public List<EntryView> credit(String cloudEventId, EventType type, EventLifecycleV1 e) {
        List<EntryView> written = db.inTx(c -> LedgerSql.creditLifecycle(c, cloudEventId, type, e));
        written.forEach(this::announce);
        return written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(EntryView l) {
        outbox.publish(new PointsCreditedV1(l.id(), l.subject(), l.points(),
                l.rule(), l.sourceEvent(), l.sourceRef(), l.period(), l.status()));
    }
}
