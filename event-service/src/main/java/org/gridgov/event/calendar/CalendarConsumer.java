package org.gridgov.event.calendar;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.CalendarDayV1;
import org.gridgov.common.contract.payload.CalendarYearSetV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;
import org.gridgov.common.messaging.RejectedMessage;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Receives the working calendar from escalation-service, one year per record ({@code calendar-year-set} on the
 * compacted {@code gridgov.escalation.calendar.v1}): the national days of a year, or a county's local days (county
 * set), each kept apart; a later version of a year (and county) replaces the earlier one. A record that
 * cannot be a year of the calendar goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class CalendarConsumer {
    public static final String NAME = "event-service.calendar";

    @Inject
    WorkingCalendars calendars;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        consumers.subscribe(NAME, List.of(Topics.ESCALATION_CALENDAR), Handlers.create()
                .on(EventType.CALENDAR_YEAR_SET, CalendarYearSetV1.class, (year, envelope) -> take(year)));
    }

    void take(CalendarYearSetV1 y) {
        String why = invalid(y);
        if (why != null) {
            throw new RejectedMessage(why);
        }
        calendars.store(y);
    }

    /** Why the record cannot be a year of the calendar, or null. */
    static String invalid(CalendarYearSetV1 y) {
        if (y.year() < 2000 || y.year() > 2100) {
            return "year: " + y.year() + " is not between 2000 and 2100";
        }
        if (y.county() != null && !y.county().matches("\\d{6}")) {
            return "county: " + y.county() + " is not a county code (6 digits)";
        }
        if (y.setAt() == null) {
            return "setAt: required";
        }
        if (y.days() == null) {
            return "days: required (empty for a year without holidays)";
        }
        Set<java.time.LocalDate> seen = new HashSet<>();
        for (int i = 0; i < y.days().size(); i++) {
            CalendarDayV1 d = y.days().get(i);
            if (d == null || d.date() == null || d.kind() == null) {
                return "days[" + i + "]: date and kind are required";
            }
            if (d.date().getYear() != y.year()) {
                return "days[" + i + "].date: " + d.date() + " is not in " + y.year();
            }
            if (!seen.add(d.date())) {
                return "days[" + i + "].date: " + d.date() + " is listed twice";
            }
            if (d.name() != null && d.name().length() > 50) {
                return "days[" + i + "].name: at most 50 characters";
            }
        }
        return null;
    }
}
