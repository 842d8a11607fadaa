package org.gridgov.scoring.ledger;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.CoverageReachedV1;
import org.gridgov.common.contract.payload.VisitRecordedV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Payloads;
import org.gridgov.scoring.rules.Fact;
import org.gridgov.scoring.support.Db;

import io.cloudevents.CloudEvent;
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
    Payloads payloads;

    @Inject
    Db db;

    @Inject
    Ledger ledger;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        consumers.subscribe(NAME, List.of(Topics.GRID_VISITS), this::handle);
    }

    void handle(CloudEvent ce) {
        List<EntryView> written;
        if (EventType.VISIT_RECORDED.type().equals(ce.getType())) {
            VisitRecordedV1 v = payloads.read(ce, VisitRecordedV1.class);
            written = db.inTx(c -> LedgerStore.creditFact(c, ce.getId(), Fact.VISIT_MADE, "USER:" + v.visitorId(),
                    "visit:" + v.visitId(), "visit:" + v.visitId(), v.visitedAt(), v.gridCode(),
                    v.mustVisitReason() == null ? "household visit" : "household visit (三必到: " + v.mustVisitReason() + ")",
                    List.of("visit:" + v.visitId())));
        } else if (EventType.COVERAGE_REACHED.type().equals(ce.getType())) {
            CoverageReachedV1 r = payloads.read(ce, CoverageReachedV1.class);
            written = db.inTx(c -> LedgerStore.creditFact(c, ce.getId(), Fact.MONTHLY_COVERAGE, "GRID:" + r.gridCode(),
                    "coverage:" + r.gridCode() + ":" + r.period(), "coverage:" + r.gridCode() + ":" + r.period(), r.reachedAt(),
                    r.gridCode(), "all " + r.households() + " households visited in " + r.period(),
                    List.of("coverage:" + r.gridCode() + ":" + r.period())));
        } else {
            return;
        }
        written.forEach(ledger::announce);
    }
}
