package org.gridgov.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gridgov.testkit.demo.CountyGenerator;
import org.gridgov.testkit.replay.YearPlan;
import org.gridgov.testkit.replay.YearReplay;
import org.gridgov.testkit.suite.CountyImport;
import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.Suite;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A county year replayed through the suite as {@code ./run.sh --county} runs it: Changle's 3,600 grids,
 * about 800,000 reports of 2025 (the year's working calendar is loaded), the suite's clock moved day by
 * day. It prints how many times faster than real time the year went, and checks the statistics and the
 * ledger against the plan. With a time budget it stops starting new days when the budget is spent and
 * checks the days it replayed.
 * <p>
 * Run: {@code ./mvnw -Pbenchmark -pl benchmark -am verify -Dtest=CountyYearReplayBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}
 * with {@code -Dreplay.reports=800000 -Dreplay.days=350 -Dreplay.clients=32 -Dreplay.minutes=60}.
 */
@Tag("benchmark")
class CountyYearReplayBenchmarkTest {

    @Test
    void aCountyYearReplayed() throws Exception {
        int reports = Integer.getInteger("replay.reports", 800_000);
        // the days of 2025 whose overdue items are settled within 2025, so that the year's ledger holds them all
        int days = Math.min(Integer.getInteger("replay.days", 350), 350);
        int clients = Integer.getInteger("replay.clients", 32);
        Duration budget = Duration.ofMinutes(Integer.getInteger("replay.minutes", 60));
        Path root = Path.of(System.getProperty("gridgov.root", "..")).toAbsolutePath().normalize();
        Path target = root.resolve("benchmark/target");
        Path work = target.resolve("replay-suite");
        SuiteBenchmarkTest.deleteTree(work);
        Files.createDirectories(work);
        PgLimit limit = PgLimit.measure(Path.of(System.getProperty("bench.pglimit", root.resolve("../shared/bench/pglimit.sh").toString())));

        CountyGenerator county = new CountyGenerator(CountyGenerator.FULL, 100);
        YearPlan plan = YearPlan.generate(reports, days, LocalDate.of(2025, 1, 1), 2025L, YearPlan.county(county));
        try (Suite suite = Suite.start(new Suite.Options(root, work, false, false), Duration.ofSeconds(240))) {
            String admin = suite.keys().token("admin", Set.of("admin"), Map.of(), Duration.ofMinutes(30));
            DemoData.load(suite.url(Suite.Service.GRID), admin);
            CountyImport.load(suite.url(Suite.Service.GRID), admin, county);
            SuiteBenchmarkTest.awaitCountyInEventService(suite);
            YearReplay.Urls urls = new YearReplay.Urls(suite.url(Suite.Service.GRID), suite.url(Suite.Service.EVENT),
                    suite.url(Suite.Service.ESCALATION), suite.url(Suite.Service.SCORING));
            YearReplay.Result r = new YearReplay(urls, suite.keys(), clients).run(plan, "2025", budget);
            // the county's year, 800,000 reports, at the pace of the reports replayed
            double yearMinutes = r.wallSeconds() / r.reports() * 800_000 / 60;
            String table = String.format(Locale.ROOT, """
                    county year replayed (Changle, 3,600 grids; %d clients; budget %d min)
                    | measure | figure |
                    |---|---|
                    | reports replayed | %,d of %,d planned |
                    | days replayed | %d of %d |
                    | wall time | %.1f s |
                    | times faster than real time | %.0f |
                    | full loops per second | %.1f |
                    | REST requests per second | %.0f |
                    | the county year (800,000 reports) at this pace | %.0f min (target < 60) |
                    | pgbench limit of this machine, this run | %s |
                    | statistics | %s |
                    | ledger entries per rule | %s |
                    | mismatches against the plan | %s |
                    """, clients, budget.toMinutes(), r.reports(), reports, r.days(), days, r.wallSeconds(), r.timesRealTime(),
                    r.reports() / r.wallSeconds(), r.requests() / r.wallSeconds(), yearMinutes, limit, r.statistics(), r.ruleEntries(),
                    r.mismatches().isEmpty() ? "none" : r.mismatches());
            System.out.println(table);
            Files.writeString(target.resolve("replay.txt"), table);
            assertEquals(List.of(), r.mismatches());
        }
    }
}
