package org.gridgov.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.escalation.routing.Router;
import org.gridgov.escalation.routing.RoutingRule;
import org.gridgov.escalation.routing.RuleSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Routing decisions and deadline computations per second, in-process, on the default rules and
 * the 2025/2026 calendar. Run: ./mvnw -Pbenchmark -pl escalation-service -am test
 */
@Tag("benchmark")
class RoutingBenchmarkTest {

    @Test
    void routingAndDeadlinesPerSecond() throws Exception {
        RuleSet rules = new RuleSet(1, List.of(
                new RoutingRule("emergency-grid", "emergency", "", Router.Tier.GRID, "GRID", List.of(), 4),
                new RoutingRule("default-grid", "", "", Router.Tier.GRID, "GRID", List.of(), null),
                new RoutingRule("default-community", "", "", Router.Tier.COMMUNITY, "COMMUNITY", List.of(), null),
                new RoutingRule("public-order-street", "public-order", "", Router.Tier.STREET, "DEPT:police", List.of("urban-management"), null),
                new RoutingRule("market-street", "market", "", Router.Tier.STREET, "DEPT:market", List.of(), null),
                new RoutingRule("housing-street", "housing", "", Router.Tier.STREET, "DEPT:housing", List.of(), null),
                new RoutingRule("environment-street", "environment", "", Router.Tier.STREET, "DEPT:sanitation", List.of(), null),
                new RoutingRule("default-street", "", "", Router.Tier.STREET, "STREET", List.of(), null)));
        String[] categories = { "environment.garbage", "public-order.noise", "market.price", "housing.leak", "road.pothole", "emergency.fire" };
        Router.Tier[] tiers = Router.Tier.values();
        int n = 2_000_000;
        long police = 0;
        for (int i = 0; i < 200_000; i++) {
            police += rules.route(categories[i % 6], "350182001001001", "350182001001", "350182001", tiers[i % 3]).handlerUnit().length();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (rules.route(categories[i % 6], "350182001001001", "350182001001", "350182001", tiers[i % 3]).handlerUnit().equals("DEPT:police")) {
                police++;
            }
        }
        double routeSecs = (System.nanoTime() - t0) / 1e9;

        Map<LocalDate, WorkingCalendar.Kind> days = new HashMap<>();
        for (String d : List.of("2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07", "2026-02-16", "2026-02-17",
                "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23", "2026-05-01", "2026-05-04", "2026-05-05")) {
            days.put(LocalDate.parse(d), WorkingCalendar.Kind.HOLIDAY);
        }
        for (String d : List.of("2026-10-10", "2026-09-20", "2026-02-14", "2026-02-28", "2026-05-09", "2026-01-04")) {
            days.put(LocalDate.parse(d), WorkingCalendar.Kind.WORKDAY);
        }
        WorkingCalendar cal = new WorkingCalendar(days);
        OffsetDateTime start = OffsetDateTime.parse("2026-01-01T01:00:00Z");
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += cal.deadline(start.plusMinutes(i * 7L % 525_600), 1 + i % 7).getDayOfYear();
        }
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += cal.deadline(start.plusMinutes(i * 7L % 525_600), 1 + i % 7).getDayOfYear();
        }
        double deadlineSecs = (System.nanoTime() - t0) / 1e9;
        String report = String.format(Locale.ROOT, "routing decisions: %,.0f /s (%d decisions, %d rules)%n"
                + "deadlines (1-7 working days, holiday calendar): %,.0f /s (%d computations)%n",
                n / routeSecs, n, rules.rules().size(), n / deadlineSecs, n);
        System.out.println("\n=== escalation-service benchmark ===\n" + report);
        Files.writeString(Path.of("target/benchmark.txt"), report);
        assertEquals(true, police > 0 && sink > 0);
    }
}
