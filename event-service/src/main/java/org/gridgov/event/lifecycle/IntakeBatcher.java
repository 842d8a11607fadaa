package org.gridgov.event.lifecycle;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gridgov.common.problem.Conflicts;
import org.gridgov.common.problem.ProblemException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Group commit for intake. Reports that arrive while a writer is busy wait in a queue; the writer
 * then takes all of them (up to {@code gridgov.event.intake.max-batch}) in one transaction: one
 * idempotency probe, one duplicate probe, one insert batch per table and one commit for all.
 * <ul>
 * <li>A lone report is written at once: nothing waits for a batch to fill.</li>
 * <li>Each report is answered only after its transaction has committed, exactly as when it is
 * written alone, so nothing that was answered can be lost.</li>
 * <li>A report that is refused (400, 422) is refused alone; the others of its batch are written.
 * If the batch's transaction fails as a whole (a concurrent retry of one of its reports, the
 * database gone), each of its reports is written again alone and answered by its own result.</li>
 * <li>Two submissions under one idempotency key are never written at the same time by this
 * instance: the later one waits for the first one's batch and then finds its event. (Between
 * replicas, the unique key decides and the loser is answered with the winner's event: {@link #submit}
 * submits it once more, and it finds that event.)</li>
 * </ul>
 * With {@code gridgov.event.intake.writers=0} each report is written in its caller's thread, in a
 * transaction of its own.
 */
@ApplicationScoped
public class IntakeBatcher {
    private static final Logger LOG = Logger.getLogger(IntakeBatcher.class);
    /** one event per reporter and Idempotency-Key (V1__events.sql) */
    static final String IDEMPOTENCY_CONSTRAINT = "event_reporter_id_idempotency_key_key";

    @Inject
    org.gridgov.event.config.EventConfig config;

    @Inject
    ReportIntake events;

    @Inject
    MeterRegistry registry;

    /** reports per batch written together */
    private DistributionSummary batchSize;
    /** batches whose transaction failed as a whole, so that each report was written again alone */
    private Counter writtenAlone;

    private record Pending(ReportIntake.Submission submission, CompletableFuture<ReportIntake.Reported> answer) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    /** the idempotency keys of the batches being written */
    private final Set<ReportIntake.Key> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    void start(@Observes StartupEvent ev) {
        batchSize = DistributionSummary.builder("gridgov.intake.batch.size").description("reports written in one transaction")
                .baseUnit("reports").register(registry);
        writtenAlone = Counter.builder("gridgov.intake.batch.failed").description(
                "batches whose transaction failed as a whole, each of whose reports was then written alone").register(registry);
        running = true;
        for (int i = 0; i < config.intake().writers(); i++) {
            Thread t = new Thread(this::run, "intake-writer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(config.intake().timeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes the report and answers once it is committed.
     *
     * @throws ProblemException 4xx when the report is refused, 503 when it was not written in time
     *                          (it may still be: a retry with the same idempotency key tells)
     */
    public ReportIntake.Reported submit(ReportIntake.Submission s) {
        try {
            return submitOnce(s);
        } catch (RuntimeException e) {
            if (s.key() == null || !Conflicts.isUniqueViolation(e, IDEMPOTENCY_CONSTRAINT)) {
                throw e;
            }
            // a retry of this submission, sent to another replica at the same moment, was written first: answer with its event
            return submitOnce(s);
        }
    }

    private ReportIntake.Reported submitOnce(ReportIntake.Submission s) {
        if (threads.isEmpty() || !running) {
            return alone(s);
        }
        CompletableFuture<ReportIntake.Reported> answer = new CompletableFuture<>();
        Pending pending = new Pending(s, answer);
        queue.add(pending);
        if (!running && queue.remove(pending)) {
            // the writers are stopping and may have left already: nobody took it, so write it here
            return alone(s);
        }
        try {
            return answer.get(config.intake().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ProblemException(503, "Intake busy", "the report was not written within " + config.intake().timeout().toSeconds()
                    + " s; send it again with the same Idempotency-Key to learn whether it was", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Intake stopping", "the service is stopping; send the report again", List.of());
        }
    }

    /** The report in a transaction of its own, in the caller's thread. */
    private ReportIntake.Reported alone(ReportIntake.Submission s) {
        return QuarkusTransaction.requiringNew().call(() -> events.intakeAll(List.of(s)).get(0).get());
    }

    /**
     * Writes these submissions as one batch, in the caller's thread, as a writer writes what it took
     * from the queue. Each answer is complete when this returns.
     */
    public List<CompletableFuture<ReportIntake.Reported>> writeTogether(List<ReportIntake.Submission> submissions) {
        List<Pending> batch = submissions.stream().map(s -> new Pending(s, new CompletableFuture<ReportIntake.Reported>())).toList();
        write(batch);
        return batch.stream().map(Pending::answer).toList();
    }

    private void run() {
        ArrayDeque<Pending> deferred = new ArrayDeque<>();
        List<Pending> batch = new ArrayList<>();
        Set<ReportIntake.Key> claimed = new HashSet<>();
        while (running || !queue.isEmpty() || !deferred.isEmpty()) {
            try {
                ArrayDeque<Pending> waiting = new ArrayDeque<>();
                while (!deferred.isEmpty() && batch.size() < config.intake().maxBatch()) {
                    take(deferred.poll(), batch, claimed, waiting);
                }
                if (batch.isEmpty() && waiting.isEmpty() && deferred.isEmpty()) {
                    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    take(first, batch, claimed, waiting);
                }
                while (batch.size() < config.intake().maxBatch()) {
                    Pending next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    take(next, batch, claimed, waiting);
                }
                waiting.addAll(deferred);
                deferred = waiting;
                if (batch.isEmpty()) {
                    // everything here waits for a batch of another writer with the same idempotency key
                    Thread.sleep(1);
                    continue;
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("intake writer failed", e);
                batch.forEach(p -> p.answer().completeExceptionally(e));
            } finally {
                inFlight.removeAll(claimed);
                claimed.clear();
                batch.clear();
            }
        }
    }

    /**
     * Adds the submission to the batch, unless a batch being written (this one or another writer's)
     * has a submission under the same idempotency key: then it waits, and finds that one's event.
     */
    private void take(Pending p, List<Pending> batch, Set<ReportIntake.Key> claimed, ArrayDeque<Pending> waiting) {
        ReportIntake.Key key = p.submission().key();
        if (key == null) {
            batch.add(p);
        } else if (inFlight.add(key)) {
            claimed.add(key);
            batch.add(p);
        } else {
            waiting.add(p);
        }
    }

    private void write(List<Pending> batch) {
        List<ReportIntake.Outcome> outcomes;
        try {
            List<ReportIntake.Submission> submissions = batch.stream().map(Pending::submission).toList();
            outcomes = QuarkusTransaction.requiringNew().call(() -> events.intakeAll(submissions));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).answer().completeExceptionally(e);
                return;
            }
            LOG.debugf(e, "a batch of %d reports failed as a whole; writing each alone", batch.size());
            writtenAlone.increment();
            for (Pending p : batch) {
                write(List.of(p));
            }
            return;
        }
        batchSize.record(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ReportIntake.Outcome o = outcomes.get(i);
            CompletableFuture<ReportIntake.Reported> answer = batch.get(i).answer();
            if (o.refused() != null) {
                answer.completeExceptionally(o.refused());
            } else {
                answer.complete(o.reported());
            }
        }
    }
}
