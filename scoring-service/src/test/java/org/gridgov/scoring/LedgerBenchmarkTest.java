package org.gridgov.scoring;

import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.as;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.scoring.jdbc.Sql;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Leaderboard and statement queries over 10 million ledger entries, through HTTP. Not part of the
 * normal build; run alone:
 *
 * <pre>
 * ./mvnw -Pbenchmark -pl scoring-service -am test
 * </pre>
 *
 * Options: -Dbenchmark.entries=10000000 -Dbenchmark.requests=300. Results go to stdout and
 * target/benchmark.txt.
 */
@QuarkusTest
@org.junit.jupiter.api.Tag("benchmark")
class LedgerBenchmarkTest {
    static final int USERS = 100_000, COMMUNITIES = 369, STREETS = 11, GRIDS = 3_600;

    @Test
    void leaderboardsAndStatementsOverTenMillionEntries() throws Exception {
        long entries = Long.getLong("benchmark.entries", 10_000_000L);
        int requests = Integer.getInteger("benchmark.requests", 300);
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        StringBuilder report = new StringBuilder();
        List<String> users = new ArrayList<>(), grids = new ArrayList<>(), communities = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "scoring", "scoring"); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("set maintenance_work_mem = '512MB'");
            s.execute("set max_parallel_maintenance_workers = 2");
            // build the secondary indexes after the load, exactly as the migrations define them
            List<String[]> indexes = Sql.list(c, "select indexname, indexdef from pg_indexes where tablename = 'ledger_entry' "
                    + "and indexname not in (select conname from pg_constraint)", rs -> new String[] { rs.getString(1), rs.getString(2) });
            for (String[] i : indexes) {
                s.execute("drop index " + i[0]);
            }
            s.execute("""
                    insert into ledger_entry (id, subject, points, rule, source_event, source_ref, period, status, created_at,
                        rule_id, rule_version, fact_key, kind, subject_type, occurred_at)
                    select ('b' || lpad(to_hex(i), 7, '0') || '-0000-4000-8000-000000000000')::uuid, subject, points, rule_id || '@1',
                           'bench-' || lpad(i::text, 9, '0'), 'ev-' || (i / 3), to_char(ts at time zone 'Asia/Shanghai', 'YYYY-MM'),
                           case when mod(i, 10) < 6 then 'APPROVED' when mod(i, 10) < 9 then 'PENDING' else 'REJECTED' end, ts,
                           rule_id, 1, 'bench-' || i, case when left(rule_id, 7) = 'manual-' then 'MANUAL' else 'FACT' end,
                           split_part(subject, ':', 1), ts
                    from (
                        select i, ts,
                               case when mod(i, 20) < 14 then 'USER:bench-' || mod(i * 7919, %d)
                                    when mod(i, 20) < 19 then 'GRID:350100' || lpad(mod(mod(g, %d), %d)::text, 3, '0')
                                         || lpad(mod(g, %d)::text, 3, '0') || lpad((g / %d)::text, 3, '0')
                                    else 'COMMUNITY:350100' || lpad(mod(k, %d)::text, 3, '0') || lpad(k::text, 3, '0')
                               end subject,
                               case when mod(i, 20) < 14 then (case when mod(i, 2) = 0 then 'valid-report' else 'visit-made' end)
                                    when mod(i, 20) < 19 then (case when mod(i, 3) = 0 then 'overdue' else 'closed-satisfied' end)
                                    else 'manual-bonus' end rule_id,
                               case when mod(i, 20) < 14 then 1 when mod(i, 20) < 19 then (case when mod(i, 3) = 0 then -1 else 2 end)
                                    else 1 + mod(i, 10) end points
                        from (select i, mod(i * 31, %d) g, mod(i * 17, %d) k,
                                     timestamptz '2024-01-01 00:00:00+08' + mod(i * 104729, 731 * 86400) * interval '1 second' ts
                              from generate_series(1::bigint, %d::bigint) i) g
                    ) x
                    """.formatted(USERS, COMMUNITIES, STREETS, COMMUNITIES, COMMUNITIES, STREETS, GRIDS, COMMUNITIES, entries));
            long loaded = System.nanoTime();
            for (String[] i : indexes) {
                s.execute(i[1]);
            }
            long indexed = System.nanoTime();
            s.execute("""
                    insert into subject_balance as b (subject, period, subject_type, points, approved, pending, rejected, entries)
                    select subject, p, subject_type, coalesce(sum(points) filter (where status <> 'REJECTED'), 0),
                           coalesce(sum(points) filter (where status = 'APPROVED'), 0), coalesce(sum(points) filter (where status = 'PENDING'), 0),
                           coalesce(sum(points) filter (where status = 'REJECTED'), 0), count(*)
                    from (select subject, subject_type, points, status, unnest(array[period, substr(period, 1, 4) || '-Q'
                              || ((substr(period, 6, 2)::int + 2) / 3), substr(period, 1, 4)]) p
                          from ledger_entry where source_event like 'bench-%') e
                    group by subject, p, subject_type
                    on conflict (subject, period) do update set points = b.points + excluded.points, approved = b.approved + excluded.approved,
                        pending = b.pending + excluded.pending, rejected = b.rejected + excluded.rejected, entries = b.entries + excluded.entries
                    """);
            s.execute("insert into subject (subject, subject_type, home_code, class_code) select distinct subject, subject_type, "
                    + "case when subject_type = 'USER' then null else split_part(subject, ':', 2) end, null from ledger_entry "
                    + "where source_event like 'bench-%' on conflict do nothing");
            // individuals live in grids (for rankings within an area)
            s.execute("update subject set home_code = '350100' || lpad(((substr(subject, 12)::int % " + GRIDS + ") % " + COMMUNITIES
                    + " % " + STREETS + ")::text, 3, '0') || lpad(((substr(subject, 12)::int % " + GRIDS + ") % " + COMMUNITIES
                    + ")::text, 3, '0') || lpad(((substr(subject, 12)::int % " + GRIDS + ") / " + COMMUNITIES
                    + ")::text, 3, '0') where subject like 'USER:bench-%'");
            s.execute("vacuum analyze ledger_entry");
            s.execute("vacuum analyze subject_balance");
            s.execute("vacuum analyze subject");
            long ready = System.nanoTime();
            long total = Sql.count(c, "select count(*) from ledger_entry");
            report.append("ledger entries: %,d (generated %,d)%n".formatted(total, entries));
            report.append("load %.1f s, indexes %.1f s, balances/subjects/analyze %.1f s%n".formatted((loaded - t0) / 1e9,
                    (indexed - loaded) / 1e9, (ready - indexed) / 1e9));
            report.append("balance rows: %,d%n".formatted(Sql.count(c, "select count(*) from subject_balance")));
            users.addAll(Sql.list(c, "select subject from subject where subject like 'USER:bench-%' order by 1", rs -> rs.getString(1)));
            grids.addAll(Sql.list(c, "select subject from subject where subject like 'GRID:350100%' order by 1", rs -> rs.getString(1)));
            communities.addAll(Sql.list(c, "select subject from subject where subject like 'COMMUNITY:350100%' order by 1", rs -> rs.getString(1)));
            report.append("subjects: %,d individuals, %,d grids, %,d communities%n".formatted(users.size(), grids.size(), communities.size()));
        }

        Random rnd = new Random(42);
        String[] months = new String[24];
        for (int i = 0; i < 24; i++) {
            months[i] = "%d-%02d".formatted(2024 + i / 12, 1 + i % 12);
        }
        Map<String, IntFunction<String>> queries = new LinkedHashMap<>();
        queries.put("leaderboard USER month top 50", i -> "/rankings?level=USER&period=" + months[rnd.nextInt(24)] + "&limit=50");
        queries.put("leaderboard USER quarter top 50", i -> "/rankings?level=USER&period=" + (2024 + rnd.nextInt(2)) + "-Q" + (1 + rnd.nextInt(4)) + "&limit=50");
        queries.put("leaderboard USER year page 20", i -> "/rankings?level=USER&period=" + (2024 + rnd.nextInt(2)) + "&limit=50&offset=" + 50 * rnd.nextInt(20));
        queries.put("leaderboard USER within grid", i -> "/rankings?level=USER&period=" + (2024 + rnd.nextInt(2)) + "&within=" + grids.get(rnd.nextInt(grids.size())).substring(5));
        queries.put("leaderboard USER within street", i -> "/rankings?level=USER&period=" + (2024 + rnd.nextInt(2)) + "-Q2&within=350100" + "%03d".formatted(rnd.nextInt(STREETS)));
        queries.put("leaderboard GRID quarter within street", i -> "/rankings?level=GRID&period=2025-Q" + (1 + rnd.nextInt(4)) + "&within=350100" + "%03d".formatted(rnd.nextInt(STREETS)));
        queries.put("leaderboard GRID year all", i -> "/rankings?level=GRID&period=" + (2024 + rnd.nextInt(2)) + "&limit=100");
        queries.put("leaderboard COMMUNITY month", i -> "/rankings?level=COMMUNITY&period=" + months[rnd.nextInt(24)]);
        queries.put("statement USER quarter", i -> "/statements/" + users.get(rnd.nextInt(users.size())) + "?period=2025-Q" + (1 + rnd.nextInt(4)));
        queries.put("statement USER all time, 100", i -> "/statements/" + users.get(rnd.nextInt(users.size())) + "?limit=100");
        queries.put("statement GRID month", i -> "/statements/" + grids.get(rnd.nextInt(grids.size())) + "?period=" + months[rnd.nextInt(24)]);
        queries.put("statement GRID year, 100", i -> "/statements/" + grids.get(rnd.nextInt(grids.size())) + "?period=2025&limit=100");
        queries.put("statement COMMUNITY year, page 2", i -> "/statements/" + communities.get(rnd.nextInt(communities.size())) + "?period=2024&limit=100&after=1000");

        List<Double> all = new ArrayList<>();
        report.append("%-40s %8s %8s %8s %8s %8s%n".formatted("query (" + requests + " requests each, after 30 warm-up)", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "rows"));
        for (Map.Entry<String, IntFunction<String>> q : queries.entrySet()) {
            for (int i = 0; i < 30; i++) {
                as(SCORER).get(q.getValue().apply(i)).then().statusCode(200);
            }
            double[] ms = new double[requests];
            long rows = 0;
            for (int i = 0; i < requests; i++) {
                String path = q.getValue().apply(i);
                long t = System.nanoTime();
                io.restassured.response.Response r = as(SCORER).get(path);
                ms[i] = (System.nanoTime() - t) / 1e6;
                if (r.statusCode() != 200) {
                    throw new AssertionError(path + " -> " + r.statusCode() + " " + r.asString());
                }
                List<?> items = r.path(path.startsWith("/rankings") ? "rows" : "items");
                rows += items.size();
                all.add(ms[i]);
            }
            Arrays.sort(ms);
            report.append("%-40s %8.1f %8.1f %8.1f %8.1f %8.1f%n".formatted(q.getKey(), pct(ms, 50), pct(ms, 95), pct(ms, 99),
                    ms[ms.length - 1], rows / (double) requests));
        }
        double[] a = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        report.append("%-40s %8.1f %8.1f %8.1f %8.1f%n".formatted("ALL", pct(a, 50), pct(a, 95), pct(a, 99), a[a.length - 1]));
        System.out.println("\n=== scoring benchmark ===\n" + report);
        Files.writeString(Path.of("target", "benchmark.txt"), report.toString());
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
