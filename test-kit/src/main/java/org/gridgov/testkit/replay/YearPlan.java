package org.gridgov.testkit.replay;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.gridgov.testkit.suite.DemoData;

/**
 * A county's year of reports, planned before it is replayed: for each report its day, channel,
 * category, place and what will happen to it, so that the final state of the suite can be checked
 * against the plan. The mix follows what a county sees (see DOMAIN.md): most reports come from residents'
 * apps and grid workers' patrols, some from the 12345 hotline, one in ten is solved on the spot (即办件);
 * 86% of cases are solved the first time, a few are sent back for rework or reopened after a
 * dissatisfied follow-up, some are escalated (上报) to the community, returned (退回), extended (延期) or
 * left to go overdue (then the SLA clock escalates them). Weekends bring half the reports of a working day.
 * <p>
 * Places: a lattice of 6 x 6 points about 60 m apart in each grid; a point's successive reports rotate
 * through the categories, so that no two reports of one category fall within 50 m and 72 h (which
 * would make the second a duplicate) while three days bring fewer reports than points times categories
 * (the demo street's six grids hold about 1,400 reports a day, a county's 3,600 grids far more than it has).
 */
public record YearPlan(LocalDate start, int days, List<Area> areas, List<Item> items) {

    /** A level-2 grid reports fall in: its code, its community's code, and its square (south-west corner, side in degrees). */
    public record Area(String code, String community, double west, double south, double side) {
    }

    /** The county of {@code ./run.sh --county} (Changle at full scale: 3,600 grids). */
    public static List<Area> county(org.gridgov.testkit.demo.CountyGenerator county) {
        return county.cells().stream().map(c -> new Area(c.code(), c.code().substring(0, 12), c.west(), c.south(), c.side())).toList();
    }

    /** The demo street's six grids (the local run and the system test). */
    public static List<Area> demoStreet() {
        return DemoData.GRIDS.stream().map(g -> new Area(g.code(), g.community(), g.west(), g.south(), DemoData.CELL)).toList();
    }

    public enum Channel {
        /** a resident's app: waits for 立案 */
        APP,
        /** a grid worker's patrol inside her grid: a case at once */
        PATROL,
        /** a 12345 call filed by an operator: a case at once */
        HOTLINE,
        /** 即办件: a grid worker solved it when reporting it */
        ON_SPOT
    }

    public enum Outcome {
        FIRST_TIME, REWORK, DISSATISFIED, ESCALATED, EXTENDED, RETURNED, LATE, SOLVED_ON_SPOT;

        /** closed without rework or reopening */
        boolean firstTime() {
            return this != REWORK && this != DISSATISFIED;
        }
    }

    /** One report and its fate. {@code rating} is the reporter's last answer at follow-up (null for 即办件). */
    public record Item(int seq, int day, Channel channel, String category, int grid, double latitude, double longitude,
            Outcome outcome, String rating) {
    }

    /** shares in percent, in the order of the enum */
    static final int[] CHANNEL_SHARES = { 40, 35, 15, 10 };
    /** shares of the cases not solved on the spot, in tenths of a percent */
    static final Map<Outcome, Integer> OUTCOME_SHARES = outcomeShares();
    /** a weighted rotation of categories (more garbage than guardrails); repeats are at least five slots apart */
    static final List<String> CATEGORIES = List.of("environment.garbage", "street-order.illegal-parking", "road.pothole",
            "utilities.street-light", "environment.dirty-road", "street-order.street-vending", "greenery.street-tree",
            "environment.garbage", "utilities.manhole-cover", "construction.noise", "street-order.road-occupation", "advertising.illegal-ads",
            "environment.waste-accumulation", "environment.garbage", "road.traffic-sign", "greenery.green-space", "street-order.illegal-parking",
            "construction.dust", "utilities.fire-hydrant", "road.guardrail");
    static final String[] RATINGS = { "VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED" };
    static final int[] RATING_SHARES = { 40, 45, 15 };
    /** lattice points per grid side */
    static final int SIDE = 6;

    private static Map<Outcome, Integer> outcomeShares() {
        Map<Outcome, Integer> m = new EnumMap<>(Outcome.class);
        m.put(Outcome.FIRST_TIME, 705);
        m.put(Outcome.REWORK, 100);
        m.put(Outcome.DISSATISFIED, 55);
        m.put(Outcome.ESCALATED, 50);
        m.put(Outcome.EXTENDED, 40);
        m.put(Outcome.RETURNED, 20);
        m.put(Outcome.LATE, 30);
        return m;
    }

    /** A plan of {@code reports} reports over {@code days} days from {@code start}; the same seed gives the same plan. */
    public static YearPlan generate(int reports, int days, LocalDate start, long seed, List<Area> areas) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] weight = new double[days];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            DayOfWeek w = start.plusDays(d).getDayOfWeek();
            weight[d] = w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY ? 0.5 : 1.0;
            sum += weight[d];
        }
        List<Item> items = new ArrayList<>(reports);
        int points = areas.size() * SIDE * SIDE;
        int seq = 0;
        double carried = 0;
        for (int d = 0; d < days; d++) {
            double due = reports * weight[d] / sum + carried;
            int today = d == days - 1 ? reports - seq : (int) Math.floor(due);
            carried = due - today;
            for (int k = 0; k < today; k++, seq++) {
                int point = seq % points;
                // consecutive reports go to different grids: a few days of a county touch all of it
                int grid = point % areas.size();
                int cell = point / areas.size();
                Area g = areas.get(grid);
                double step = g.side() / (SIDE + 1);
                double lat = g.south() + step * (1 + cell / SIDE);
                double lon = g.west() + step * (1 + cell % SIDE);
                String category = CATEGORIES.get((seq / points) % CATEGORIES.size());
                Channel channel = Channel.values()[pick(random, CHANNEL_SHARES)];
                Outcome outcome = channel == Channel.ON_SPOT ? Outcome.SOLVED_ON_SPOT : pickOutcome(random);
                String rating = outcome == Outcome.SOLVED_ON_SPOT ? null : RATINGS[pick(random, RATING_SHARES)];
                items.add(new Item(seq, d, channel, category, grid, lat, lon, outcome, rating));
            }
        }
        return new YearPlan(start, days, List.copyOf(areas), List.copyOf(items));
    }

    private static int pick(SplittableRandom random, int[] shares) {
        int total = 0;
        for (int s : shares) {
            total += s;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < shares.length; i++) {
            r -= shares[i];
            if (r < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private static Outcome pickOutcome(SplittableRandom random) {
        int r = random.nextInt(1000);
        for (Map.Entry<Outcome, Integer> e : OUTCOME_SHARES.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        return Outcome.FIRST_TIME;
    }

    public List<Item> day(int d) {
        return items.stream().filter(i -> i.day() == d).toList();
    }

    /** The plan's first {@code n} days. */
    public YearPlan firstDays(int n) {
        return n >= days ? this : new YearPlan(start, n, areas, items.stream().filter(i -> i.day() < n).toList());
    }

    public Area area(Item i) {
        return areas.get(i.grid());
    }

    public long count(Outcome o) {
        return items.stream().filter(i -> i.outcome() == o).count();
    }

    public long count(Channel c) {
        return items.stream().filter(i -> i.channel() == c).count();
    }

    /** What the suite must show at the end, by the definitions in event-service's statistics and docs/scoring.md. */
    public record Expected(long cases, long closed, double onTimeRate, double firstTimeRate, double satisfactionRate, double reworkRate,
            Map<String, Long> ruleEntries) {
    }

    public Expected expected() {
        long cases = items.size();
        long late = count(Outcome.LATE);
        long redone = items.stream().filter(i -> !i.outcome().firstTime()).count();
        long resolvedOnce = items.stream().filter(i -> i.outcome() != Outcome.SOLVED_ON_SPOT).count() + count(Channel.ON_SPOT);
        Map<String, Long> rules = new java.util.TreeMap<>();
        // 立案 credits the reporter, except 12345 callers (reporter ids with ':')
        rules.put("valid-report", cases - count(Channel.HOTLINE));
        rules.put("closed-satisfied", cases - count(Channel.ON_SPOT));
        rules.put("resolved-on-time", cases - count(Channel.ON_SPOT) - late);
        rules.put("overdue", late);
        rules.put("rework", count(Outcome.REWORK));
        rules.put("dissatisfied", count(Outcome.DISSATISFIED));
        rules.put("solved-on-spot", count(Channel.ON_SPOT));
        return new Expected(cases, cases, (double) (cases - late) / cases, (double) (cases - redone) / cases, 1.0,
                (double) count(Outcome.REWORK) / resolvedOnce, rules);
    }
}
