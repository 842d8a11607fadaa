package org.gridgov.escalation.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/calendar")
@Tag(name = "Calendar", description = "The working calendar: public holidays and make-up working days (调休), per year")
public class CalendarResource {

    @Inject
    Calendars calendars;

    @Inject
    CalendarPublisher publisher;

    @Inject
    io.quarkus.security.identity.SecurityIdentity caller;

    public record Day(@NotNull LocalDate date, @NotNull WorkingCalendar.Kind kind, @NotBlank @Size(max = 50) String name) {
    }

    public record Year(int year, int workingDays, List<Day> days, boolean loaded) {
    }

    public record YearEdit(@NotNull @Size(max = 120) List<@Valid @NotNull Day> days) {
    }

    public record Deadline(OffsetDateTime from, int workingDays, OffsetDateTime deadline) {
    }

    @GET
    @Path("/{year}")
    @RolesAllowed("**")
    @Operation(summary = "A year's holidays and make-up working days, and its number of working days")
    public Year get(@PathParam("year") @Min(2000) @Max(2100) int year) {
        List<CalendarDay> days = CalendarDay.list("day >= ?1 and day <= ?2", Sort.by("day"), LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31));
        return new Year(year, workingDays(calendars.current(), year),
                days.stream().map(d -> new Day(d.day, d.kind, d.name)).toList(), calendars.years().contains(year));
    }

    @PUT
    @Path("/{year}")
    @RolesAllowed("admin")
    @Transactional
    @Operation(summary = "Replace a year's holidays and make-up working days",
            description = "Announced to the suite in the same transaction (calendar-year-set on gridgov.escalation.calendar.v1), "
                    + "so event-service counts its own limits with it. Refused when a date is outside the year or listed twice, when a make-up working day is not on a "
                    + "weekend, or when the year "
                    + "would have fewer than 230 or more than 262 working days.")
    public Year put(@PathParam("year") @Min(2000) @Max(2100) int year, @Valid @NotNull YearEdit edit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        java.util.Map<LocalDate, WorkingCalendar.Kind> days = new java.util.HashMap<>();
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
        WorkingCalendar candidate = new WorkingCalendar(days);
        int working = workingDays(candidate, year);
        if (errors.isEmpty() && (working < 230 || working > 262)) {
            errors.add(new Problem.FieldError("days", year + " would have " + working + " working days; a plausible year has 230 to 262"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        CalendarDay.delete("day >= ?1 and day <= ?2", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        for (Day d : edit.days()) {
            CalendarDay c = new CalendarDay();
            c.day = d.date();
            c.kind = d.kind();
            c.name = d.name().strip();
            c.persist();
        }
        CalendarDay.getEntityManager().createNativeQuery("insert into calendar_year (year, loaded_by) values (:y, :by) "
                + "on conflict (year) do update set loaded_at = now(), loaded_by = excluded.loaded_by")
                .setParameter("y", year).setParameter("by", caller.getPrincipal().getName()).executeUpdate();
        publisher.announce(year);
        calendars.invalidateAfterCommit();
        return new Year(year, working, edit.days().stream().sorted(java.util.Comparator.comparing(Day::date)).toList(), true);
    }

    @GET
    @Path("/deadline")
    @RolesAllowed("**")
    @Operation(summary = "The deadline for a number of working days from a moment: 24:00 Asia/Shanghai of the Nth working day after its day")
    public Deadline deadline(@NotNull @QueryParam("from") OffsetDateTime from, @QueryParam("workingDays") @Min(1) @Max(60) int workingDays) {
        return new Deadline(from, workingDays, calendars.current().deadline(from, workingDays));
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
