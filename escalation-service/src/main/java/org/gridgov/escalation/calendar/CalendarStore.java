package org.gridgov.escalation.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.gridgov.common.calendar.WorkingCalendar;
import org.gridgov.common.contract.payload.CalendarDayV1;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The stored days of the working calendar: {@code calendar_day} rows with {@code county} null (national, the State
 * Council's notice; the years in {@code calendar_year}) or a county's code (its local days; the years it set in
 * {@code calendar_county_year}).
 */
@ApplicationScoped
public class CalendarStore {

    @Inject
    EntityManager em;

    /** The days of a year, by date: the national ones (county null) or a county's local ones. */
    @SuppressWarnings("unchecked")
    public List<CalendarDayV1> days(int year, String county) {
        List<Object[]> rows = em.createNativeQuery("select day, kind, name from calendar_day where day between :f and :t and "
                + "coalesce(county, '') = :c order by day")
                .setParameter("f", LocalDate.of(year, 1, 1)).setParameter("t", LocalDate.of(year, 12, 31))
                .setParameter("c", county == null ? "" : county).getResultList();
        return rows.stream().map(r -> new CalendarDayV1(r[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[0],
                WorkingCalendar.Kind.valueOf((String) r[1]), (String) r[2])).toList();
    }

    /** Replaces the days of a year (national: county null; else the county's) and records who set them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replace(int year, String county, List<CalendarDayV1> days, String actor) {
        em.createNativeQuery("delete from calendar_day where day between :f and :t and coalesce(county, '') = :c").setParameter("f", LocalDate.of(year, 1, 1))
                .setParameter("t", LocalDate.of(year, 12, 31)).setParameter("c", county == null ? "" : county).executeUpdate();
        for (CalendarDayV1 d : days) {
            em.createNativeQuery("insert into calendar_day (day, kind, name, county) values (:d, :k, :n, cast(:c as text))")
                    .setParameter("d", d.date()).setParameter("k", d.kind().name()).setParameter("n", d.name().strip())
                    .setParameter("c", county).executeUpdate();
        }
        if (county == null) {
            em.createNativeQuery("insert into calendar_year (year, loaded_by) values (:y, :by) "
                    + "on conflict (year) do update set loaded_at = now(), loaded_by = excluded.loaded_by")
                    .setParameter("y", year).setParameter("by", actor).executeUpdate();
        } else {
            em.createNativeQuery("insert into calendar_county_year (county, year, loaded_by) values (:c, :y, :by) "
                    + "on conflict (county, year) do update set loaded_at = now(), loaded_by = excluded.loaded_by")
                    .setParameter("c", county).setParameter("y", year).setParameter("by", actor).executeUpdate();
        }
    }

    /** When the year's days (national: county null) were last set, or null when never. */
    @SuppressWarnings("unchecked")
    public OffsetDateTime setAt(int year, String county) {
        List<Object> rows = county == null
                ? em.createNativeQuery("select loaded_at from calendar_year where year = :y").setParameter("y", year).getResultList()
                : em.createNativeQuery("select loaded_at from calendar_county_year where year = :y and county = :c")
                        .setParameter("y", year).setParameter("c", county).getResultList();
        return rows.isEmpty() ? null : toOffset(rows.get(0));
    }

    static OffsetDateTime toOffset(Object t) {
        if (t instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (t instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (t instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("calendar loaded_at read as " + t.getClass());
    }
}
