package org.gridgov.event.evidence;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.gridgov.common.schedule.PeriodicTask;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Purges uploaded files that no event ever cited within {@code gridgov.evidence.unattached-retention}
 * (24 h): their row, and their bytes once no other row refers to the same content. Runs every
 * 10 minutes; several replicas may run it, a row is deleted once.
 */
@ApplicationScoped
public class EvidencePurge {
    @Inject
    EntityManager em;

    @Inject
    EvidenceStore store;

    @Inject
    EvidencePolicy policy;

    private PeriodicTask task;

    void start(@Observes StartupEvent ev) {
        task = PeriodicTask.start("evidence-purge", () -> Duration.ofMinutes(10),
                () -> purge(OffsetDateTime.now(ZoneOffset.UTC).minus(policy.unattachedRetention())));
    }

    void stop(@Observes ShutdownEvent ev) {
        if (task != null) {
            task.stop();
        }
    }

    /** Purges files uploaded before {@code cutoff} and never attached; returns how many. */
    public int purge(OffsetDateTime cutoff) {
        @SuppressWarnings("unchecked")
        List<String> shas = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("delete from evidence v where uploaded_at < ?1 "
                + "and not exists (select 1 from event_evidence ee where ee.url = v.url) returning sha256")
                .setParameter(1, cutoff).getResultList());
        for (String sha : shas.stream().distinct().toList()) {
            boolean unused = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select 1 from evidence where sha256 = ?1")
                    .setParameter(1, sha).getResultList().isEmpty());
            if (unused) {
                store.delete(sha);
            }
        }
        return shas.size();
    }
}
