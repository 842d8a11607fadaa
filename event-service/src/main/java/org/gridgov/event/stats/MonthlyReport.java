package org.gridgov.event.stats;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import org.gridgov.event.stats.Rates.By;
import org.gridgov.event.stats.Rates.Late;
import org.gridgov.event.stats.Rates.Row;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The monthly report a street office hands in (月度通报): the month's figures by unit, the units ranked by
 * closure, on-time and satisfaction rates, and the late cases. Print-ready HTML (A4), in Chinese.
 */
@ApplicationScoped
public class MonthlyReport {
    static final int LATE_LIST = 200;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Units ranked: higher closure rate first, then on-time, then satisfaction; units without cases last. */
    static final Comparator<Row> RANKING = Comparator
            .comparing(Row::closureRate, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Row::onTimeRate, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Row::satisfactionRate, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Row::key);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(String month, String by, String author, String generated, Line total, List<Line> rows,
                List<Line> ranked, List<LateLine> late, boolean lateCut);
    }

    @Inject
    Rates rates;

    @Inject
    SecurityIdentity identity;

    public String render(YearMonth month, By by, OffsetDateTime since, OffsetDateTime until) {
        List<Row> rows = rates.compute(by, since, until, null, false);
        List<Row> totals = rates.compute(By.street, since, until, null, false);
        Row total = sum(totals, month.toString());
        List<Late> late = rates.late(since, until, LATE_LIST + 1);
        return Templates.report(month.toString(), label(by), identity.getPrincipal().getName(),
                OffsetDateTime.now(StatisticsResource.CHINA).format(TIME), Line.of(total), rows.stream().map(Line::of).toList(),
                rows.stream().filter(r -> r.reported() > 0).sorted(RANKING).map(Line::of).toList(),
                late.stream().limit(LATE_LIST).map(LateLine::of).toList(), late.size() > LATE_LIST).render();
    }

    /** The whole jurisdiction's counts; rates recomputed from the sums where the parts allow it. */
    static Row sum(List<Row> parts, String month) {
        long reported = parts.stream().mapToLong(Row::reported).sum();
        long closed = parts.stream().mapToLong(Row::closed).sum();
        return new Row(month, "合计", reported, closed, reported == 0 ? null : (double) closed / reported,
                weighted(parts, Row::onTimeRate), weighted(parts, Row::firstTimeRate), null, null, null, null);
    }

    private static Double weighted(List<Row> parts, java.util.function.Function<Row, Double> rate) {
        double part = 0;
        long whole = 0;
        for (Row r : parts) {
            Double v = rate.apply(r);
            if (v != null) {
                part += v * r.closed();
                whole += r.closed();
            }
        }
        return whole == 0 ? null : part / whole;
    }

    static String label(By by) {
        return switch (by) {
            case grid -> "网格";
            case community -> "社区";
            case street -> "街道";
            case department -> "部门";
            case category -> "事项类别";
        };
    }

    /** A row as printed: rates as percentages, a dash where there is nothing to divide by. */
    public record Line(String key, long reported, long closed, String closure, String onTime, String firstTime, String satisfaction,
            String rework, String meanHours) {
        static Line of(Row r) {
            return new Line(r.key(), r.reported(), r.closed(), percent(r.closureRate()), percent(r.onTimeRate()), percent(r.firstTimeRate()),
                    percent(r.satisfactionRate()), percent(r.reworkRate()), hours(r.meanHoursToClose()));
        }
    }

    /** A late case as printed. */
    public record LateLine(String id, String category, String grid, String handler, String deadline, String resolved, String hoursLate) {
        static LateLine of(Late l) {
            return new LateLine(l.id().substring(0, 8), l.category(), dash(l.gridCode()), dash(l.handlerUnit()), time(l.deadline()),
                    time(l.resolvedAt()), hours(l.hoursLate()));
        }
    }

    static String dash(String s) {
        return s == null ? "—" : s;
    }

    static String percent(Double rate) {
        return rate == null ? "—" : String.format("%.1f%%", rate * 100);
    }

    static String hours(Double h) {
        return h == null ? "—" : String.format("%.1f", h);
    }

    static String time(OffsetDateTime t) {
        return t == null ? "—" : t.atZoneSameInstant(StatisticsResource.CHINA).format(TIME);
    }
}
