package org.gridgov.common.contract.payload;

import java.time.LocalDate;

import org.gridgov.common.calendar.WorkingCalendar;

/**
 * A day that differs from the Monday-to-Friday rule: a public holiday, or a weekend day made a working day (调休).
 *
 * @param date the day (Asia/Shanghai)
 * @param kind HOLIDAY or WORKDAY
 * @param name the holiday's name as the State Council notice gives it, e.g. 春节, 春节调休
 */
public record CalendarDayV1(LocalDate date, WorkingCalendar.Kind kind, String name) {
}
