package org.gridgov.scoring.ledger;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.CoverageReachedV1;
import org.gridgov.common.contract.payload.VisitRecordedV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Envelope;
import org.gridgov.common.messaging.Handlers;
import org.gridgov.scoring.rules.Fact;
import org.gridgov.scoring.jdbc.Db;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Facts from walking the village (行村): a visit made credits the visitor (rule visit-made), a
 * grid whose households were all visited in a month credits the grid (rule monthly-coverage).
 * Each fact counts once per rule and subject, whatever the redeliveries.
 */
@ApplicationScoped
public class VisitConsumer {
    public static final String NAME = "scoring-service.grid-visits";

    @Inject
    Db db;

    @Inject
    LedgerWriter ledger;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        consumers.subscribe(NAME, List.of(Topics.GRID_VISITS), Handlers.create()
                .on(EventType.VISIT_RECORDED, VisitRecordedV1.class, this::visit)
                .on(EventType.COVERAGE_REACHED, CoverageReachedV1.class, this::coverage));
    }

    void visit(VisitRecordedV1 v, Envelope ce) {
        List<EntryView> written = db.inTx(c -> LedgerSql.creditFact(c, ce.id(), Fact.VISIT_MADE, "USER:" + v.visitorId(),
                    "visit:" + v.visitId(), "visit:" + v.visitId(), v.visitedAt(), v.gridCode(),
                    v.mustVisitReason() == null ? "household visit" : "household visit (三必到: " + v.mustVisitReason() + ")",
                    List.of("visit:" + v.visitId())));
        written.forEach(ledger::announce);
    }

    void coverage(CoverageReachedV1 r, Envelope ce) {
        List<EntryView> written = db.inTx(c -> LedgerSql.creditFact(c, ce.id(), Fact.MONTHLY_COVERAGE, "GRID:" + r.gridCode(),
                    "coverage:" + r.gridCode() + ":" + r.period(), "coverage:" + r.gridCode() + ":" + r.period(), r.reachedAt(),
                    r.gridCode(), "all " + r.households() + " households visited in " + r.period(),
                    List.of("coverage:" + r.gridCode() + ":" + r.period())));
        written.forEach(ledger::announce);
    }
}
