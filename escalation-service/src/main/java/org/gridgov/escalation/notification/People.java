package org.gridgov.escalation.notification;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Who is told: each person's channels, quiet hours, the units whose tasks they hear of and the places they supervise. */
@ApplicationScoped
public class People {
    @Inject
    EntityManager em;

    public record Settings(String name, String email, String phone, List<Channel> channels, LocalTime quietFrom, LocalTime quietTo,
            List<String> units, List<String> supervises) {
    }

    public record PersonView(String id, String name, String email, String phone, List<String> channels, LocalTime quietFrom,
            LocalTime quietTo, List<String> units, List<String> supervises) {
        NotificationChannel.Person person() {
            return new NotificationChannel.Person(id, name, email, phone);
        }

        List<Channel> channelList() {
            return channels.stream().map(Channel::valueOf).toList();
        }
    }

    @Transactional
    public PersonView put(String id, Settings s, String actor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (id == null || !id.matches("[A-Za-z0-9._@-]{1,100}")) {
            errors.add(new Problem.FieldError("id", "1 to 100 letters, digits and . _ @ -"));
        }
        if (s.name() == null || s.name().isBlank() || s.name().length() > 100) {
            errors.add(new Problem.FieldError("name", "required, at most 100 characters"));
        }
        List<Channel> channels = s.channels() == null || s.channels().isEmpty() ? List.of(Channel.FEED) : s.channels();
        if (channels.stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new Problem.FieldError("channels", "EMAIL, SMS or FEED"));
        }
        if (channels.contains(Channel.EMAIL) && (s.email() == null || !s.email().matches("[^@\\s]{1,64}@[^@\\s]{1,190}"))) {
            errors.add(new Problem.FieldError("email", "an email address is needed for the EMAIL channel"));
        }
        if (channels.contains(Channel.SMS) && (s.phone() == null || !s.phone().matches("\\+?\\d{5,20}"))) {
            errors.add(new Problem.FieldError("phone", "a phone number is needed for the SMS channel"));
        }
        if ((s.quietFrom() == null) != (s.quietTo() == null)) {
            errors.add(new Problem.FieldError(s.quietFrom() == null ? "quietFrom" : "quietTo", "quiet hours need both ends"));
        }
        List<String> units = s.units() == null ? List.of() : s.units();
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i) == null || !units.get(i).matches("(GRID|COMMUNITY|STREET):\\d{6,15}|DEPT:[a-z0-9-]+")) {
                errors.add(new Problem.FieldError("units[" + i + "]", "GRID:<code>, COMMUNITY:<code>, STREET:<code> or DEPT:<department>"));
            }
        }
        List<String> supervises = s.supervises() == null ? List.of() : s.supervises();
        for (int i = 0; i < supervises.size(); i++) {
            if (supervises.get(i) == null || !supervises.get(i).matches("\\d{6,15}")) {
                errors.add(new Problem.FieldError("supervises[" + i + "]", "a place code (district, street, community or grid)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        em.createNativeQuery("insert into notification_person (id, name, email, phone, channels, quiet_from, quiet_to, units, supervises, "
                + "updated_at, updated_by) values (:id, :n, :e, :p, cast(:c as text[]), :qf, :qt, cast(:u as text[]), cast(:s as text[]), :at, :by) "
                + "on conflict (id) do update set name = excluded.name, email = excluded.email, phone = excluded.phone, "
                + "channels = excluded.channels, quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to, units = excluded.units, "
                + "supervises = excluded.supervises, updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .setParameter("id", id).setParameter("n", s.name().strip()).setParameter("e", s.email()).setParameter("p", s.phone())
                .setParameter("c", array(channels.stream().map(Enum::name).toList())).setParameter("qf", s.quietFrom())
                .setParameter("qt", s.quietTo()).setParameter("u", array(units)).setParameter("s", array(supervises))
                .setParameter("at", OffsetDateTime.now(ZoneOffset.UTC)).setParameter("by", actor).executeUpdate();
        return get(id);
    }

    @Transactional
    public PersonView get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("person " + id));
    }

    /** a registered person; empty for anyone else (a resident who never set her channels) */
    public java.util.Optional<PersonView> find(String id) {
        return select("id = :x", id).stream().findFirst();
    }

    /** the people of the handler unit, and those supervising a place the code lies in */
    public List<PersonView> concerned(String unit, String place, boolean withSupervisors) {
        if (!withSupervisors || place == null) {
            return select("cast(:x as text) = any(units)", unit);
        }
        return select("cast(:x as text) = any(units) or exists (select 1 from unnest(supervises) s where cast(:y as text) like s || '%')",
                unit, place);
    }

    @SuppressWarnings("unchecked")
    private List<PersonView> select(String where, String x, String... y) {
        jakarta.persistence.Query q = em.createNativeQuery("select id, name, email, phone, array_to_string(channels, ','), quiet_from, "
                + "quiet_to, array_to_string(units, ','), array_to_string(supervises, ',') from notification_person where " + where
                + " order by id").setParameter("x", x);
        if (y.length > 0) {
            q.setParameter("y", y[0]);
        }
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new PersonView((String) r[0], (String) r[1], (String) r[2], (String) r[3], split(r[4]),
                time(r[5]), time(r[6]), split(r[7]), split(r[8]))).toList();
    }

    private static List<String> split(Object csv) {
        return csv == null || csv.toString().isEmpty() ? List.of() : List.of(csv.toString().split(","));
    }

    private static LocalTime time(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof java.sql.Time t ? t.toLocalTime() : v instanceof LocalTime l ? l : LocalTime.parse(v.toString());
    }

    /** a text[] literal for cast(:x as text[]) */
    static String array(List<String> values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

}
