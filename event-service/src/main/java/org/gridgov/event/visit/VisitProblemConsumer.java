package org.gridgov.event.visit;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.VisitProblemFoundV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;
import org.gridgov.event.lifecycle.ReportIntake;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Problems found on household visits (行村) become events. */
@ApplicationScoped
public class VisitProblemConsumer {
    public static final String NAME = "event-service.visit-problems";

    @Inject
    ReportIntake events;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        consumers.subscribe(NAME, List.of(Topics.GRID_VISITS), Handlers.create()
                .on(EventType.VISIT_PROBLEM_FOUND, VisitProblemFoundV1.class, (problem, envelope) -> events.reportFromVisit(problem)));
    }
}
