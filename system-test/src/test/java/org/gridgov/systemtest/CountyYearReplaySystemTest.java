package org.gridgov.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.gridgov.testkit.replay.YearPlan;
import org.gridgov.testkit.replay.YearReplay;
import org.gridgov.testkit.suite.Suite;
import org.junit.jupiter.api.Test;

/**
 * A small county year (a few weeks, some thousand reports of the planned mix) replayed through the
 * four running services with their clock moved day by day; the statistics and the ledger must end
 * exactly as planned. The full year runs from the benchmark module (README, "A county year replayed").
 */
class CountyYearReplaySystemTest {

    @Test
    void aReplayedStretchOfACountyYearEndsAsPlanned() throws Exception {
        Suite suite = SystemSuite.get();
        int reports = Integer.getInteger("replay.reports", 1200);
        int days = Integer.getInteger("replay.days", 12);
        YearPlan plan = YearPlan.generate(reports, days, LocalDate.of(2026, 3, 2), 20261202L, YearPlan.demoStreet());
        YearReplay.Urls urls = new YearReplay.Urls(suite.url(Suite.Service.GRID), suite.url(Suite.Service.EVENT),
                suite.url(Suite.Service.ESCALATION), suite.url(Suite.Service.SCORING));
        YearReplay.Result r = new YearReplay(urls, suite.keys(), 16).run(plan, "2026-03", null);
        System.out.printf("replay: %d reports over %d days in %.1f s (%.0f times real time), %d requests; statistics %s; ledger %s%n",
                r.reports(), r.days(), r.wallSeconds(), r.timesRealTime(), r.requests(), r.statistics(), r.ruleEntries());
        assertEquals(List.of(), r.mismatches(), "the suite's figures against the plan " + r.expected());
    }
}
