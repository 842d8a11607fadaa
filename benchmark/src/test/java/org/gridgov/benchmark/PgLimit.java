package org.gridgov.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's commit limit from {@code pglimit.sh}: pgbench runs one report's minimal commit (an
 * event row and its outbox row) on the machine's own PostgreSQL at 2 and 8 clients. The best of the
 * two is what the benchmark's throughputs are divided by. Needs root and Debian's postgresql package.
 *
 * @param tps   tx/s by pgbench clients
 * @param error why there is no figure, or null
 */
record PgLimit(Map<Integer, Double> tps, String error) {
    static final Pattern LINE = Pattern.compile("pgbench clients=(\\d+) tps = ([0-9.]+)");

    static PgLimit measure(Path script) {
        if (script.toString().equals("none")) {
            return new PgLimit(Map.of(), "skipped (-Dbench.pglimit=none)");
        }
        if (!Files.isRegularFile(script)) {
            return new PgLimit(Map.of(), script + " not found");
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new PgLimit(Map.of(), "pglimit.sh did not finish in 5 minutes");
            }
            Map<Integer, Double> tps = new LinkedHashMap<>();
            Matcher m = LINE.matcher(out);
            while (m.find()) {
                tps.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
            }
            return tps.isEmpty() ? new PgLimit(tps, "pglimit.sh gave no figure (needs root and postgresql): "
                    + out.strip().replace('\n', ' ')) : new PgLimit(tps, null);
        } catch (IOException e) {
            return new PgLimit(Map.of(), "pglimit.sh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PgLimit(Map.of(), "interrupted");
        }
    }

    /** the best tx/s, or NaN */
    double best() {
        return tps.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    @Override
    public String toString() {
        if (error != null) {
            return "n/a: " + error;
        }
        StringBuilder sb = new StringBuilder();
        tps.forEach((c, t) -> sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f tx/s at %d clients", t, c)));
        return sb.toString();
    }
}
