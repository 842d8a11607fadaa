package org.gridgov.benchmark;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.vertx.core.http.HttpClient;

/**
 * Open-loop intake: grid workers' reports (GRID_PATROL, accepted on intake, so each is dispatched
 * without an operator) sent at a fixed rate whatever the answers, each at its scheduled time. A
 * request's latency counts from that scheduled time, not from when it went out, so a stalled
 * service is charged for the requests that waited behind it (no coordinated omission). Report to
 * dispatched is timed from the same scheduled time to the TASK_DISPATCHED read from Kafka.
 * <p>
 * After the sending, the phase waits for the answers and then for the dispatches (until all are in,
 * no dispatch came for 10 s, or 45 s passed), so that the next phase starts on an empty pipeline
 * and the CPU readings include the work the phase left behind.
 */
final class OpenLoop {
    /** connections at most: enough that the generator never queues while the service answers */
    static final int CONNECTIONS = 256;
    static final long MS = 1_000_000L;

    private final LoadGenerator g;

    OpenLoop(LoadGenerator g) {
        this.g = g;
    }

    Phase run(String pass, String kind, int rate, int seconds) throws InterruptedException {
        int n = rate * seconds;
        long interval = 1_000_000_000L / rate;
        long[] scheduled = new long[n];
        long[] answered = new long[n];
        String[] ids = new String[n];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch answers = new CountDownLatch(n);
        HttpClient http = g.client(CONNECTIONS);
        Map<String, Double> cpu0 = g.cpu.now();
        long t0 = System.nanoTime() + 100 * MS;
        for (int i = 0; i < n; i++) {
            long at = t0 + i * interval;
            scheduled[i] = at;
            for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int k = i;
            long seq = g.sequence.getAndIncrement();
            String token = g.workers[(int) (seq % g.workers.length)];
            g.context.runOnContext(v -> g.post(http, "/events", token, LoadGenerator.report(seq), "bench-" + seq).onComplete(ar -> {
                if (ar.succeeded() && ar.result().ok()) {
                    ids[k] = g.id(ar.result().body());
                    answered[k] = System.nanoTime();
                } else if (errors.incrementAndGet() <= 3) {
                    System.err.println("intake " + rate + "/s: " + (ar.succeeded() ? ar.result().status() + " " + ar.result().body()
                            : ar.cause().toString()));
                }
                answers.countDown();
            }));
        }
        long end = t0 + n * interval;
        answers.await(120, TimeUnit.SECONDS);
        int ok = (int) Arrays.stream(ids).filter(id -> id != null).count();
        drain(ids, ok);
        Map<String, Double> cpu1 = g.cpu.now();
        http.close();

        long[] httpNs = new long[ok];
        long[] dispNs = new long[ok];
        long[] dispLast = new long[ok];
        int h = 0, d = 0, last = 0;
        long lastAnswer = end, lastDispatch = t0;
        for (int i = 0; i < n; i++) {
            if (ids[i] == null) {
                continue;
            }
            httpNs[h++] = answered[i] - scheduled[i];
            lastAnswer = Math.max(lastAnswer, answered[i]);
            Long at = g.watcher.dispatchedAt(ids[i]);
            if (at != null) {
                dispNs[d++] = at - scheduled[i];
                lastDispatch = Math.max(lastDispatch, at);
                if (i >= n * 2 / 3) {
                    dispLast[last++] = at - scheduled[i];
                }
            }
        }
        dispNs = Arrays.copyOf(dispNs, d);
        dispLast = Arrays.copyOf(dispLast, last);
        double achieved = ok / ((lastAnswer - t0) / 1e9);
        double dispatchedRate = d == 0 ? 0 : d / ((lastDispatch - t0) / 1e9);
        double p99Last = Phase.percentile(dispLast, 0.99);
        boolean keepsUp = errors.get() == 0 && achieved >= 0.95 * rate && d >= 0.99 * ok && p99Last < 1000;
        return new Phase(pass, kind, rate, seconds, n, ok, errors.get(), achieved, Phase.percentile(httpNs, 0.5),
                Phase.percentile(httpNs, 0.99), d, dispatchedRate, Phase.percentile(dispNs, 0.5), Phase.percentile(dispNs, 0.99),
                p99Last, keepsUp, 0, Cpu.per(cpu0, cpu1, ok));
    }

    /** waits for the dispatches of the answered reports */
    private void drain(String[] ids, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 45_000 * MS;
        long lastProgress = System.nanoTime();
        int seen = -1;
        while (true) {
            int now = 0;
            for (String id : ids) {
                if (id != null && g.watcher.dispatchedAt(id) != null) {
                    now++;
                }
            }
            if (now > seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
            if (seen >= expected || System.nanoTime() > deadline || System.nanoTime() - lastProgress > 10_000 * MS) {
                return;
            }
            Thread.sleep(200);
        }
    }
}
