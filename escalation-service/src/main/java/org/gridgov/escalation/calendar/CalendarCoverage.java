package org.gridgov.escalation.calendar;

import java.time.LocalDate;
import java.util.Set;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.escalation.clock.TimeSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Warns before the working calendar runs out: this year's holidays must be loaded, and from
 * 1 November next year's too (the State Council publishes its notice in the autumn). A wellness
 * check ({@code /q/health/well}), so the service stays in service, and a metric,
 * {@code gridgov_calendar_missing} (1 while something is missing). Loading a year is one admin call:
 * {@code PUT /calendar/<year>}.
 */
@Wellness
@ApplicationScoped
public class CalendarCoverage implements HealthCheck {
    @Inject
    Calendars calendars;

    @Inject
    TimeSource time;

    @Inject
    MeterRegistry meters;

    void metrics(@Observes StartupEvent ev) {
        Gauge.builder("gridgov.calendar.missing", this, c -> c.problem() == null ? 0 : 1)
                .description("1 while this year's or (from 1 November) next year's holidays are not loaded").register(meters);
    }

    @Override
    public HealthCheckResponse call() {
        String problem = problem();
        return HealthCheckResponse.named("working-calendar").status(problem == null)
                .withData("loaded-years", calendars.years().toString())
                .withData("problem", problem == null ? "none" : problem).build();
    }

    String problem() {
        return problem(time.now().atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate(), calendars.years());
    }

    /** What is missing on {@code today}, or null. */
    static String problem(LocalDate today, Set<Integer> loaded) {
        Integer missing = WorkingCalendar.missingYear(today, loaded);
        if (missing == null) {
            return null;
        }
        if (missing == today.getYear()) {
            return missing + "'s holidays are not loaded: deadlines count Monday to Friday only; PUT /calendar/" + missing;
        }
        return missing + "'s holidays are not loaded yet: load the State Council's notice with PUT /calendar/" + missing;
    }
}
