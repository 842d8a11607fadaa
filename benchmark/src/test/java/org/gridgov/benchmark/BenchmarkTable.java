package org.gridgov.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one table of the whole-suite benchmark: every phase of both passes, the targets, CPU per report, pgbench ratios. */
final class BenchmarkTable {
    private BenchmarkTable() {
    }

    static String render(List<Phase> phases, PgLimit limit, double startSeconds, double countySeconds, int seconds) {
        double pg = limit.best();
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "=== gridgov whole-suite benchmark: %d cores; the suite as ./run.sh --county starts it "
                + "(services -Xms64m -Xmx320m -XX:+UseSerialGC), no warm-up; load generator in its own JVM; %d s phases ===%n",
                Runtime.getRuntime().availableProcessors(), seconds));
        t.append(String.format(Locale.ROOT, "suite ready in %.1f s, county (3,600 grids, 110,000 households) imported and replicated in %.1f s%n",
                startSeconds, countySeconds));
        t.append("pgbench limit of this machine, same run (pglimit.sh): ").append(limit)
                .append(Double.isNaN(pg) ? "\n" : String.format(Locale.ROOT, "; xpg = a throughput / %,.0f tx/s%n", pg));
        t.append("cold = right after start and the county import; warm = the same phases again. Latencies in ms, HTTP from each request's\n"
                + "scheduled time (open loop, no coordinated omission); report->dispatched from the scheduled time to TASK_DISPATCHED read from Kafka.\n\n");
        String head = String.format(Locale.ROOT, "%-18s %-4s %9s %6s %9s %6s %8s %8s %8s %8s %7s %6s  %s%n", "phase", "pass", "answered/s",
                "xpg", "dispatch/s", "xpg", "http p50", "http p99", "r->d p50", "r->d p99", "disp %", "errors", "target");
        t.append(head).append("-".repeat(head.length() + 20)).append('\n');
        for (int rate : LoadGenerator.RATES) {
            for (Phase p : find(phases, "intake", rate)) {
                String target = rate == 50 ? verdict("r->d p99 < 100 ms", p.dispP99() < 100)
                        : rate == 200 ? verdict("r->d p99 < 250 ms", p.dispP99() < 250) : "";
                t.append(row("intake " + rate + "/s", p, pg, target));
            }
        }
        for (String pass : List.of("cold", "warm")) {
            int best = 0;
            for (Phase p : phases) {
                if (p.pass().equals(pass) && p.kind().equals("search")) {
                    t.append(row("search " + p.load() + "/s", p, pg, p.keepsUp() ? "keeps up" : "falls behind"));
                    best = p.keepsUp() ? Math.max(best, p.load()) : best;
                }
            }
            if (phases.stream().anyMatch(p -> p.pass().equals(pass) && p.kind().equals("search"))) {
                t.append(String.format(Locale.ROOT, "%-18s %-4s %9s %6s %9d %6s %s%n", "sustained rate", pass, "", "", best, ratio(best, pg),
                        " ".repeat(52) + verdict("report->dispatched >= 300/s", best >= 300)));
            }
        }
        for (int clients : LoadGenerator.CLIENTS) {
            for (Phase p : find(phases, "loops", clients)) {
                t.append(String.format(Locale.ROOT, "%-18s %-4s %9.1f %6s %9s %6s %8s %8s %8s %8s %7s %6d  %s%n", "loops " + clients + " clients",
                        p.pass(), p.achieved(), ratio(p.achieved(), pg), "", "", ms(p.httpP50()), ms(p.httpP99()), "", "", "", p.errors(),
                        (clients == 32 ? verdict("loops >= 100/s", p.achieved() >= 100) + "; " : "") + p.retries() + " resolutions retried"));
            }
        }
        t.append("(loops: answered/s = full loops closed per second, http p50/p99 = a whole loop: report, 立案, dispatch, resolve, verify, follow-up)\n");
        t.append("(sustained: the highest searched rate with no errors, >= 95 % of it answered, >= 99 % dispatched, r->d p99 < 1 s in the last third)\n\n");

        String cpuHead = String.format(Locale.ROOT, "%-34s", "CPU ms per unit, per process");
        StringBuilder h = new StringBuilder(cpuHead);
        for (String name : Cpu.PROCESSES) {
            h.append(String.format(Locale.ROOT, " %10s", name));
        }
        t.append(h).append(String.format(Locale.ROOT, " %10s%n", "total"));
        for (String pass : List.of("cold", "warm")) {
            t.append(cpu("per report, intake " + pass, phases, pass, "intake"));
        }
        for (String pass : List.of("cold", "warm")) {
            t.append(cpu("per full loop, loops " + pass, phases, pass, "loops"));
        }
        t.append("(suite JVM = the Kafka broker and the PostgreSQL driver; postgres = the embedded server's processes)\n");
        return t.toString();
    }

    private static List<Phase> find(List<Phase> phases, String kind, int load) {
        return phases.stream().filter(p -> p.kind().equals(kind) && p.load() == load).toList();
    }

    private static String row(String name, Phase p, double pg, String target) {
        return String.format(Locale.ROOT, "%-18s %-4s %9.1f %6s %9.1f %6s %8s %8s %8s %8s %6.1f%% %6d  %s%n", name, p.pass(), p.achieved(),
                ratio(p.achieved(), pg), p.dispatchedRate(), ratio(p.dispatchedRate(), pg), ms(p.httpP50()), ms(p.httpP99()), ms(p.dispP50()),
                ms(p.dispP99()), p.ok() == 0 ? 0 : 100.0 * p.dispatched() / p.ok(), p.errors(), target);
    }

    /** CPU per unit over the phases of a kind in a pass, weighted by their units */
    private static String cpu(String label, List<Phase> phases, String pass, String kind) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-34s", label));
        double units = 0;
        double[] sums = new double[Cpu.PROCESSES.length];
        for (Phase p : phases) {
            if (p.pass().equals(pass) && p.kind().equals(kind)) {
                double n = kind.equals("loops") ? p.dispatched() : p.ok();
                units += n;
                for (int i = 0; i < sums.length; i++) {
                    Map<String, Double> c = p.cpuMs();
                    sums[i] += c.getOrDefault(Cpu.PROCESSES[i], 0.0) * n;
                }
            }
        }
        double total = 0;
        for (double s : sums) {
            double v = units == 0 ? 0 : s / units;
            total += v;
            sb.append(String.format(Locale.ROOT, " %10.2f", v));
        }
        return sb.append(String.format(Locale.ROOT, " %10.2f%n", total)).toString();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v < 100 ? "%.1f" : "%.0f", v);
    }

    private static String ratio(double v, double pg) {
        return Double.isNaN(pg) || pg <= 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", v / pg);
    }

    private static String verdict(String target, boolean met) {
        return target + (met ? " (met)" : " (missed)");
    }
}
