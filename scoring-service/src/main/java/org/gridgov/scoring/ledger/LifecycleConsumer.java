package org.gridgov.scoring.ledger;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Credits the facts of the loop. Runs in the inbox transaction of {@link CloudEventConsumers}: a
 * redelivered CloudEvent has no second effect, and the ledger's unique (rule, subject, fact) key
 * makes a fact count once even if it came twice under different ids.
 */
@ApplicationScoped
public class LifecycleConsumer {
    public static final String NAME = "scoring-service.event-lifecycle";

    @Inject
    LedgerWriter ledger;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        Handlers handlers = Handlers.create();
        for (EventType type : LedgerSql.CREDITED) {
            handlers.on(type, EventLifecycleV1.class, (e, envelope) -> ledger.credit(envelope.id(), envelope.type(), e));
        }
        consumers.subscribe(NAME, List.of(Topics.EVENT_LIFECYCLE), handlers);
    }
}
