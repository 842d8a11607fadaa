package org.gridgov.escalation.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.contract.payload.CalendarDayV1;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.CountyScoped;
import org.gridgov.common.security.CurrentJurisdiction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/calendar")
@Tag(name = "Calendar", description = "The working calendar: public holidays and make-up working days (调休), per year; "
        + "national, plus a county's local days")
public class CalendarResource {
    static final String COUNTY = "\\d{6}";
    static final String COUNTY_MESSAGE = "a county code: 6 digits";

    @Inject
    Calendars calendars;

    @Inject
    CalendarStore store;

    @Inject
    CalendarPublisher publisher;

    @Inject
    CurrentJurisdiction jurisdiction;

    @Inject
    io.quarkus.security.identity.SecurityIdentity caller;

    public record Day(@NotNull LocalDate date, @NotNull WorkingCalendar.Kind kind, @NotBlank @Size(max = 50) String name) {
        static Day of(CalendarDayV1 d) {
            return new Day(d.date(), d.kind(), d.name());
        }
    }

    /**
     * @param workingDays the year's working days, counting the county's local days when county is given
     * @param days        the national days
     * @param county      the county asked for, or null
     * @param localDays   the county's local days (empty without county)
     */
    public record Year(int year, int workingDays, List<Day> days, boolean loaded, String county, List<Day> localDays) {
    }

    public record YearEdit(@NotNull @Size(max = 120) List<@Valid @NotNull Day> days) {
    }

    public record Deadline(OffsetDateTime from, int workingDays, OffsetDateTime deadline, String county) {
    }

    @GET
    @Path("/{year}")
    @RolesAllowed("**")
    @Operation(summary = "A year's holidays and make-up working days, and its number of working days; with county also the county's local days")
    public Year get(@PathParam("year") @Min(2000) @Max(2100) int year,
            @QueryParam("county") @Pattern(regexp = COUNTY, message = COUNTY_MESSAGE) String county) {
        return new Year(year, workingDays(calendars.of(county), year), store.days(year, null).stream().map(Day::of).toList(),
                calendars.years().contains(year), county,
                county == null ? List.of() : store.days(year, county).stream().map(Day::of).toList());
    }

    @PUT
    @Path("/{year}")
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Replace a year's national holidays and make-up working days (the State Council's notice)",
            description = "Announced to the suite in the same transaction (calendar-year-set on gridgov.escalation.calendar.v1), "
                    + "so event-service counts its own limits with it. Refused when a date is outside the year or listed twice, "
                    + "when a make-up working day is not on a weekend, or when the year would have fewer than 230 or more than 262 working days.")
    public Year put(@PathParam("year") @Min(2000) @Max(2100) int year, @Valid @NotNull YearEdit edit) {
        Map<LocalDate, WorkingCalendar.Kind> days = check(year, edit, Map.of());
        store.replace(year, null, toPayload(edit), caller.getPrincipal().getName());
        publisher.announce(year);
        calendars.invalidateAfterCommit();
        return new Year(year, workingDays(new WorkingCalendar(days), year), sorted(edit), true, null, List.of());
    }

    @PUT
    @Path("/{year}/counties/{county}")
    @RolesAllowed("admin")
    @CountyScoped
    @Transactional
    @Operation(summary = "Replace a county's local days of a year (a local festival, a local make-up working day)",
            description = "The county's tasks and events count the national days and these (these take precedence on the same "
                    + "date); other counties do not. The county's administrator or the system administrator. Announced like the "
                    + "national days, keyed year/county. Refused like the national days (the year counted with both).")
    public Year putCounty(@PathParam("year") @Min(2000) @Max(2100) int year,
            @PathParam("county") @Pattern(regexp = COUNTY, message = COUNTY_MESSAGE) String county, @Valid @NotNull YearEdit edit) {
        jurisdiction.get().checkAdminister(county, "the working calendar");
        Map<LocalDate, WorkingCalendar.Kind> national = new HashMap<>();
        store.days(year, null).forEach(d -> national.put(d.date(), d.kind()));
        Map<LocalDate, WorkingCalendar.Kind> days = check(year, edit, national);
        store.replace(year, county, toPayload(edit), caller.getPrincipal().getName());
        publisher.announce(year, county);
        calendars.invalidateAfterCommit();
        return new Year(year, workingDays(new WorkingCalendar(days), year), store.days(year, null).stream().map(Day::of).toList(),
                calendars.years().contains(year), county, sorted(edit));
    }

    @GET
    @Path("/deadline")
    @RolesAllowed("**")
    @Operation(summary = "The deadline for a number of working days from a moment: 24:00 Asia/Shanghai of the Nth working day after its day; "
            + "with county counting the county's local days too")
    public Deadline deadline(@NotNull @QueryParam("from") OffsetDateTime from, @QueryParam("workingDays") @Min(1) @Max(60) int workingDays,
            @QueryParam("county") @Pattern(regexp = COUNTY, message = COUNTY_MESSAGE) String county) {
        return new Deadline(from, workingDays, calendars.of(county).deadline(from, workingDays), county);
    }

    /** The edit's days over {@code base}, or 400 naming the fields that are wrong. */
    static Map<LocalDate, WorkingCalendar.Kind> check(int year, YearEdit edit, Map<LocalDate, WorkingCalendar.Kind> base) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        Map<LocalDate, WorkingCalendar.Kind> days = new HashMap<>(base);
        for (int i = 0; i < edit.days().size(); i++) {
            Day d = edit.days().get(i);
            String at = "days[" + i + "].date";
            if (d.date().getYear() != year) {
                errors.add(new Problem.FieldError(at, d.date() + " is not in " + year));
            } else if (!seen.add(d.date())) {
                errors.add(new Problem.FieldError(at, d.date() + " is listed twice"));
            } else if (d.kind() == WorkingCalendar.Kind.WORKDAY && !weekend(d.date())) {
                errors.add(new Problem.FieldError(at, d.date() + " is a " + d.date().getDayOfWeek() + ": only a weekend day can be made a working day"));
            }
            days.put(d.date(), d.kind());
        }
        int working = workingDays(new WorkingCalendar(days), year);
        if (errors.isEmpty() && (working < 230 || working > 262)) {
            errors.add(new Problem.FieldError("days", year + " would have " + working + " working days; a plausible year has 230 to 262"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return days;
    }

    private static List<CalendarDayV1> toPayload(YearEdit edit) {
        return edit.days().stream().map(d -> new CalendarDayV1(d.date(), d.kind(), d.name().strip())).toList();
    }

    private static List<Day> sorted(YearEdit edit) {
        return edit.days().stream().sorted(java.util.Comparator.comparing(Day::date)).toList();
    }

    static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    static int workingDays(WorkingCalendar c, int year) {
        int n = 0;
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            n += c.isWorkingDay(d) ? 1 : 0;
        }
        return n;
    }
}
