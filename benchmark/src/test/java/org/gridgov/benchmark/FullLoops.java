package org.gridgov.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;

/**
 * Closed-loop full loops over REST, as in the system test: each client is a resident who reports
 * (APP channel), the county's operator accepts it (立案), the client waits for its TASK_DISPATCHED
 * on Kafka, a grid leader resolves it, another verifies it on site, and the resident rates it SATISFIED,
 * which closes it. Then the client starts its next loop. A loop counts when it closed before the
 * phase ended; the loops under way at the end are finished (and their CPU counted) but not counted.
 */
final class FullLoops {
    static final long MS = 1_000_000L;

    private final LoadGenerator g;

    FullLoops(LoadGenerator g) {
        this.g = g;
    }

    /** one loop's outcome: its nanoseconds, or an error */
    private record Loop(long nanos, int retries) {
    }

    Phase run(String pass, int clients, int seconds) throws InterruptedException {
        HttpClient http = g.client(clients);
        List<Long> latencies = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger closedAfter = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(clients);
        String[] residents = new String[clients];
        for (int c = 0; c < clients; c++) {
            residents[c] = g.resident(c);
        }
        Map<String, Double> cpu0 = g.cpu.now();
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1000 * MS;
        for (int c = 0; c < clients; c++) {
            int client = c;
            g.context.runOnContext(v -> next(http, residents[client], end, latencies, errors, retries, closedAfter, finished));
        }
        finished.await(seconds + 120, TimeUnit.SECONDS);
        Map<String, Double> cpu1 = g.cpu.now();
        http.close();
        long[] ns;
        synchronized (latencies) {
            ns = latencies.stream().mapToLong(Long::longValue).toArray();
        }
        int all = ns.length + closedAfter.get();
        return new Phase(pass, "loops", clients, seconds, all + errors.get(), ns.length, errors.get(), ns.length / (seconds * 1.0),
                Phase.percentile(ns, 0.5), Phase.percentile(ns, 0.99), all, 0, Double.NaN, Double.NaN, Double.NaN, errors.get() == 0,
                retries.get(), Cpu.per(cpu0, cpu1, all));
    }

    private void next(HttpClient http, String resident, long end, List<Long> latencies, AtomicInteger errors, AtomicInteger retries,
            AtomicInteger closedAfter, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        loop(http, resident).onComplete(ar -> {
            long done = System.nanoTime();
            if (ar.failed()) {
                if (errors.incrementAndGet() <= 3) {
                    System.err.println("loop: " + ar.cause());
                }
            } else {
                retries.addAndGet(ar.result().retries());
                if (done <= end) {
                    synchronized (latencies) {
                        latencies.add(ar.result().nanos());
                    }
                } else {
                    closedAfter.incrementAndGet();
                }
            }
            next(http, resident, end, latencies, errors, retries, closedAfter, finished);
        });
    }

    private Future<Loop> loop(HttpClient http, String resident) {
        long start = System.nanoTime();
        long seq = g.sequence.getAndIncrement();
        AtomicInteger retried = new AtomicInteger();
        return expect(g.post(http, "/events", resident, LoadGenerator.report(seq), "bench-" + seq), "report").compose(a -> {
            String id = g.id(a.body());
            return expect(g.post(http, "/events/" + id + "/acceptance", g.operator, "{\"decision\":\"ACCEPT\"}", null), "acceptance")
                    .compose(x -> Future.fromCompletionStage(g.watcher.dispatched(id).copy().orTimeout(60, TimeUnit.SECONDS), g.context))
                    .compose(x -> resolve(http, id, retried, System.nanoTime() + 15_000 * MS))
                    .compose(x -> expect(g.post(http, "/events/" + id + "/verification", g.verifier,
                            "{\"passed\":true,\"note\":\"现场核查已清理\"}", null), "verification"))
                    .compose(x -> expect(g.post(http, "/events/" + id + "/follow-up", resident,
                            "{\"satisfaction\":\"SATISFIED\"}", null), "follow-up"))
                    .compose(x -> x.body().toString().contains("\"status\":\"CLOSED\"") ? Future.succeededFuture(x)
                            : Future.failedFuture("not closed after the follow-up: " + x.body()));
        }).map(x -> new Loop(System.nanoTime() - start, retried.get()));
    }

    /**
     * The resolution, retried every 20 ms while event-service answers 409: the dispatch was read from
     * Kafka by the generator before event-service read it.
     */
    private Future<LoadGenerator.Answer> resolve(HttpClient http, String id, AtomicInteger retried, long deadline) {
        return g.post(http, "/events/" + id + "/resolution", g.leader, "{\"note\":\"已联系环卫清运\"}", null).compose(a -> {
            if (a.status() == 409 && System.nanoTime() < deadline) {
                retried.incrementAndGet();
                Promise<LoadGenerator.Answer> later = Promise.promise();
                g.vertx.setTimer(20, t -> resolve(http, id, retried, deadline).onComplete(later));
                return later.future();
            }
            return expect(Future.succeededFuture(a), "resolution");
        });
    }

    private static Future<LoadGenerator.Answer> expect(Future<LoadGenerator.Answer> answer, String step) {
        return answer.compose(a -> a.ok() ? Future.succeededFuture(a)
                : Future.failedFuture(step + ": " + a.status() + " " + a.body()));
    }
}
