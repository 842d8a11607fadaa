package org.gridgov.event.calendar;

import java.time.LocalDate;
import java.util.Set;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.clock.SuiteClock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Warns while event-service has not received this year's working calendar from escalation-service (from 1 November
 * next year's too): until then its own limits (follow-up window, wait for material) count Monday to Friday only. A
 * wellness check ({@code /q/health/well}, {@code working-calendar}), so the service stays in service, and a metric,
 * {@code gridgov_calendar_missing} (1 while a year is missing). The cure is in escalation-service: {@code PUT
 * /calendar/<year>} there announces the year.
 */
@Wellness
@ApplicationScoped
public class CalendarCoverage implements HealthCheck {
    @Inject
    WorkingCalendars calendars;

    @Inject
    MeterRegistry meters;

    void metrics(@Observes StartupEvent ev) {
        Gauge.builder("gridgov.calendar.missing", this, c -> c.problem() == null ? 0 : 1)
                .description("1 while this year's or (from 1 November) next year's working calendar has not arrived from escalation-service")
                .register(meters);
    }

    @Override
    public HealthCheckResponse call() {
        String problem = problem();
        return HealthCheckResponse.named("working-calendar").status(problem == null)
                .withData("received-years", calendars.years().toString())
                .withData("problem", problem == null ? "none" : problem).build();
    }

    String problem() {
        return problem(SuiteClock.now().atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate(), calendars.years());
    }

    /** What is missing on {@code today}, or null. */
    static String problem(LocalDate today, Set<Integer> received) {
        Integer missing = WorkingCalendar.missingYear(today, received);
        if (missing == null) {
            return null;
        }
        return missing + "'s working calendar has not arrived from escalation-service (calendar-year-set on gridgov.escalation.calendar.v1): "
                + "follow-up and material limits in " + missing + " count Monday to Friday only; PUT /calendar/" + missing + " in escalation-service";
    }
}
