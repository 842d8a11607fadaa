package org.gridgov.event.stats;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.stats.Rates.By;
import org.gridgov.event.stats.Rates.Row;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The figures people report about the loop, for the events reported in [from, to):
 * <ul>
 * <li><b>closureRate</b> (办结率) = closed / reported</li>
 * <li><b>onTimeRate</b> (按期办结率) = closed and resolved by the deadline / closed</li>
 * <li><b>firstTimeRate</b> (一次办结率) = closed without any rework or reopening / closed</li>
 * <li><b>satisfactionRate</b> (满意率) = ratings 非常满意, 满意 or 基本满意 / ratings: each case's last follow-up, and the
 * rating each reporter of a duplicate merged into a case gave it (kept on her merged report)</li>
 * <li><b>reworkRate</b> (返工率) = sent back for rework at least once / resolved at least once</li>
 * <li><b>meanHoursToClose</b>, <b>p90HoursToClose</b>: from report to close, closed events only</li>
 * </ul>
 * Reports rejected at 立案 and duplicates merged into another report are not counted as cases: "reported"
 * means cases; a merged duplicate counts only with its reporter's rating, in the satisfaction rate. A rate whose
 * denominator is 0 is null. By department, an event counts for every department that held it, not only the last.
 * Every answer is also a CSV or XLSX file ({@code format=csv|xlsx}, or the Accept header).
 */
@Path("/statistics")
@Tag(name = "Statistics", description = "Closure, on-time, first-time, satisfaction and rework rates; time to close; monthly series, exports and the printable monthly report")
@RolesAllowed({ "community_staff", "street_staff", "supervisor", "admin", "grid_leader" })
public class StatisticsResource {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final int MAX_MONTHS = 60;

    @Inject
    Rates rates;

    @Inject
    MonthlyReport report;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Operation(summary = "Rates by grid, community, street, department or category for a period",
            description = "by = grid | community | street | department | category; from and to bound the report time "
                    + "(ISO-8601, to exclusive; default: the last 30 days). Definitions: closureRate = closed / reported; "
                    + "onTimeRate = closed and resolved by the deadline / closed; firstTimeRate = closed without rework or "
                    + "reopening / closed; satisfactionRate = ratings 非常满意/满意/基本满意 / ratings "
                    + "(the cases' and their merged duplicates' reporters'); reworkRate = reworked at least "
                    + "once / resolved at least once; hours to close from report to close. Rejected reports and merged duplicates are "
                    + "not counted. By department, an event counts for every department that held it. A rate with nothing to divide by "
                    + "is null. format = json | csv | xlsx (or the Accept header).")
    public Response statistics(@QueryParam("by") String by, @QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to,
            @QueryParam("category") String category, @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        OffsetDateTime until = to == null ? OffsetDateTime.now() : to;
        OffsetDateTime since = from == null ? until.minusDays(30) : from;
        if (!since.isBefore(until)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        return answer(rates.compute(by(by), since, until, category, false), format, accept, "statistics");
    }

    @GET
    @Path("/monthly")
    @Produces({ MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX })
    @Operation(summary = "The same rates month by month (calendar months in Asia/Shanghai)",
            description = "from and to are months (YYYY-MM), both included, at most 60; default: the last 12 months. "
                    + "Each row carries its month. format = json | csv | xlsx (or the Accept header).")
    public Response monthly(@QueryParam("by") String by, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("category") String category, @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        YearMonth last = to == null ? YearMonth.now(CHINA) : month("to", to);
        YearMonth first = from == null ? last.minusMonths(11) : month("from", from);
        if (first.isAfter(last)) {
            throw ProblemException.invalid("from", "must not be after to");
        }
        if (first.plusMonths(MAX_MONTHS - 1).isBefore(last)) {
            throw ProblemException.invalid("from", "at most " + MAX_MONTHS + " months at a time");
        }
        List<Row> rows = rates.compute(by(by), start(first), start(last.plusMonths(1)), category, true);
        return answer(rows, format, accept, "monthly " + first + " " + last);
    }

    @GET
    @Path("/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The printable monthly report (print-ready HTML, A4)",
            description = "month = YYYY-MM (default: last month); by = grid | community | street | department | category "
                    + "(default: grid). Closure, on-time, first-time, satisfaction and rework rates by unit, the units ranked, "
                    + "and the month's late cases, all within the caller's jurisdiction. Print it or save it as PDF from a browser.")
    public String monthlyReport(@QueryParam("month") String month, @QueryParam("by") String by) {
        YearMonth m = month == null ? YearMonth.now(CHINA).minusMonths(1) : month("month", month);
        return report.render(m, by(by == null ? "grid" : by), start(m), start(m.plusMonths(1)));
    }

    static OffsetDateTime start(YearMonth m) {
        return m.atDay(1).atStartOfDay(CHINA).toOffsetDateTime();
    }

    static YearMonth month(String field, String value) {
        try {
            YearMonth m = YearMonth.parse(value);
            if (m.getYear() < 2000 || m.getYear() > 2999) {
                throw ProblemException.invalid(field, "must be a month between 2000-01 and 2999-12");
            }
            return m;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a month as YYYY-MM");
        }
    }

    static By by(String by) {
        if (by == null) {
            return By.street;
        }
        try {
            return By.valueOf(by);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("by", "must be grid, community, street, department or category");
        }
    }

    private static Response answer(List<Row> rows, String format, String accept, String name) {
        String f = format != null ? format
                : accept != null && accept.contains("text/csv") ? "csv" : accept != null && accept.contains("spreadsheetml") ? "xlsx" : "json";
        String file = "gridgov " + name;
        return switch (f) {
            case "json" -> Response.ok(rows, MediaType.APPLICATION_JSON).build();
            case "csv" -> Response.ok(Exports.csv(rows), Exports.CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + file.replace(' ', '-') + ".csv\"").build();
            case "xlsx" -> Response.ok(Exports.xlsx(rows, "统计"), Exports.XLSX)
                    .header("Content-Disposition", "attachment; filename=\"" + file.replace(' ', '-') + ".xlsx\"").build();
            default -> throw ProblemException.invalid("format", "must be json, csv or xlsx");
        };
    }
}
