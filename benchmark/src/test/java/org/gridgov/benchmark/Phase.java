package org.gridgov.benchmark;

import java.util.Arrays;
import java.util.Map;

/**
 * What one phase of the benchmark measured, written by the load generator as a JSON line and read
 * back by the test for the table. Latencies in milliseconds; NaN when there was nothing to measure.
 *
 * @param pass        cold (right after start and the county import) or warm (the same phases again)
 * @param kind        intake (open loop at a fixed rate), search (a step of the sustained-rate search) or loops (closed loop)
 * @param load        the offered rate per second (intake, search) or the number of clients (loops)
 * @param seconds     how long requests were sent
 * @param sent        reports sent (intake, search) or loops started (loops)
 * @param ok          2xx answers to POST /events (intake, search) or loops closed (loops)
 * @param errors      failed requests or loops
 * @param achieved    answered reports per second (intake, search) or closed loops per second (loops)
 * @param httpP50     POST /events from its scheduled time (intake, search); a loop from its report (loops)
 * @param dispatched  reports whose TASK_DISPATCHED was seen on Kafka by the end of the drain
 * @param dispatchedRate reports dispatched per second while the phase sent
 * @param dispP50     report (scheduled time) to TASK_DISPATCHED read by the generator's consumer
 * @param dispP99Last the same p99 of the reports scheduled in the last third of the phase
 * @param keepsUp     the pipeline kept up: no errors, the rate achieved, all dispatched, and no backlog
 *                    at the end (p99 report to dispatched under 1 s in the last third)
 * @param retries     loops: resolutions answered 409 because event-service had not yet read the dispatch, retried
 * @param cpuMs       CPU ms per answered report (intake, search) or per closed loop, per process ({@link Cpu#PROCESSES})
 */
record Phase(String pass, String kind, int load, double seconds, int sent, int ok, int errors, double achieved, double httpP50,
        double httpP99, int dispatched, double dispatchedRate, double dispP50, double dispP99, double dispP99Last, boolean keepsUp,
        int retries, Map<String, Double> cpuMs) {

    /** the p-th percentile (0..1) of nanosecond values, in milliseconds; NaN for none */
    static double percentile(long[] nanos, double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
