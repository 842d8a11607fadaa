package org.gridgov.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the benchmark's processes, in milliseconds, read from {@code /proc} (Linux; zero
 * elsewhere): each service's JVM, the suite's JVM (the Kafka broker and PostgreSQL's driver), the
 * suite's PostgreSQL processes (the embedded server's, not the machine's own cluster), and the load
 * generator's JVM.
 */
final class Cpu {
    /** the order of the columns in the table */
    static final String[] PROCESSES = { "grid", "event", "escalation", "scoring", "suite JVM", "postgres", "generator" };
    /** ms per clock tick (USER_HZ = 100 on Linux) */
    static final double TICK = 10;

    private final Map<String, Long> pids;

    /** @param pids the process ids of every name of {@link #PROCESSES} but postgres */
    Cpu(Map<String, Long> pids) {
        this.pids = pids;
    }

    /** CPU time used so far, per process name */
    Map<String, Double> now() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : PROCESSES) {
            out.put(name, name.equals("postgres") ? postgres() : pids.containsKey(name) ? ms(pids.get(name)) : 0.0);
        }
        return out;
    }

    /** b - a, divided by n: CPU ms per unit of work */
    static Map<String, Double> per(Map<String, Double> a, Map<String, Double> b, double n) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : PROCESSES) {
            out.put(name, n <= 0 ? 0 : (b.get(name) - a.get(name)) / n);
        }
        return out;
    }

    /** user + system time of one process, all its threads */
    static double ms(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK;
        } catch (Exception goneOrNotLinux) {
            return 0;
        }
    }

    /** the embedded server's processes: named postgres, run from anywhere but Debian's own installation */
    static double postgres() {
        double sum = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String pid = p.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (!stat.contains("(postgres)") || Files.readSymbolicLink(p.resolve("exe")).startsWith("/usr/lib/postgresql")) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK;
                } catch (Exception gone) {
                    // the process ended while we looked
                }
            }
        } catch (Exception notLinux) {
            // no /proc
        }
        return sum;
    }
}
