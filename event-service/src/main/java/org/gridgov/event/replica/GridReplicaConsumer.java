package org.gridgov.event.replica;

import java.time.OffsetDateTime;
import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.GridUpsertedV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;
import org.gridgov.common.tx.Transactions;
import org.gridgov.event.lifecycle.ReportIntake;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Keeps the grid replica from the registry topic and locates events that were waiting for it. */
@ApplicationScoped
public class GridReplicaConsumer {
    public static final String NAME = "event-service.grid-replica";

    @Inject
    GridLocator locator;

    @Inject
    ReportIntake events;

    @Inject
    TransactionSynchronizationRegistry transactions;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        consumers.subscribe(NAME, List.of(Topics.GRID_REGISTRY), Handlers.create()
                .on(EventType.GRID_UPSERTED, GridUpsertedV1.class, (g, envelope) -> apply(g)));
    }

    void apply(GridUpsertedV1 g) {
        GridReplica r = GridReplica.findById(g.code());
        if (r != null && r.version > g.version()) {
            return; // an older snapshot arriving late
        }
        if (r == null) {
            r = new GridReplica();
            r.code = g.code();
        }
        r.name = g.name();
        r.level = g.level();
        r.status = g.status();
        r.parentCode = g.parentCode();
        r.communityCode = g.communityCode();
        r.streetCode = g.streetCode();
        r.leaderId = g.leaderId();
        r.boundary = g.boundary() == null ? null : g.boundary().toString();
        r.version = g.version();
        r.updatedAt = OffsetDateTime.now();
        r.persist();
        GridReplica.flush();
        locator.invalidate();
        // drop an index built from data that rolled back, or from before the commit
        Transactions.afterCompletion(transactions, locator::invalidate);
        if ("GRID".equals(g.level()) && g.boundary() != null) {
            events.locateWaiting();
        }
    }
}
