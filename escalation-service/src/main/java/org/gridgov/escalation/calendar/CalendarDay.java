package org.gridgov.escalation.calendar;

import java.time.LocalDate;

import org.gridgov.common.calendar.WorkingCalendar;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A day that differs from the Monday-to-Friday rule. */
@Entity
@Table(name = "calendar_day")
public class CalendarDay extends PanacheEntityBase {
    @Id
    public LocalDate day;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorkingCalendar.Kind kind;
    @Column(nullable = false)
    public String name;
}
