package org.gridgov.event.open311;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.problem.SaneValues;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventStatus;

import io.quarkus.panache.common.Sort;

/** {@code GET /requests}: the spec's filters turned into a query over the events, and one request by id. */
final class RequestQuery {
    /** the spec's suggested limits for GET /requests */
    static final int MAX_REQUESTS = 1000;
    static final Duration MAX_RANGE = Duration.ofDays(90);
    /** closed in Open311's sense */
    static final Set<EventStatus> CLOSED = EnumSet.of(EventStatus.CLOSED, EventStatus.REJECTED, EventStatus.MERGED);

    private RequestQuery() {
    }

    /** The filters of GET /requests, as sent. */
    record Filters(String ids, String serviceCode, String startDate, String endDate, String status) {
    }

    static List<EventRecord> find(Filters query) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (SubmissionCheck.blankToNull(query.ids()) != null) {
            // the spec: with service_request_id, the other filters are ignored
            Set<UUID> ids = new LinkedHashSet<>();
            for (String s : query.ids().split(",")) {
                if (!s.isBlank()) {
                    ids.add(uuid(s.strip()).orElseThrow(() -> ProblemException.invalid("service_request_id", "'"
                            + ServiceCatalogue.abbreviate(s.strip()) + "' is not a service_request_id")));
                }
            }
            if (ids.size() > MAX_REQUESTS) {
                throw ProblemException.invalid("service_request_id", "at most " + MAX_REQUESTS + " ids");
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            q.append(" and id in :ids");
            p.put("ids", ids);
        } else {
            if (SubmissionCheck.blankToNull(query.serviceCode()) != null) {
                List<String> codes = List.of(query.serviceCode().split(",")).stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
                q.append(" and category in :codes");
                p.put("codes", codes);
            }
            OffsetDateTime start = date(query.startDate(), "start_date");
            OffsetDateTime end = date(query.endDate(), "end_date");
            if (start == null && end == null) {
                end = OffsetDateTime.now(ZoneOffset.UTC);
            }
            if (start == null) {
                start = end.minus(MAX_RANGE);
            } else if (end == null) {
                end = start.plus(MAX_RANGE);
            }
            if (end.isBefore(start)) {
                throw ProblemException.invalid("end_date", "before start_date");
            }
            if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
                throw ProblemException.invalid("end_date", "at most 90 days after start_date");
            }
            q.append(" and reportedAt >= :start and reportedAt <= :end");
            p.put("start", start);
            p.put("end", end);
            Boolean open = status(query.status());
            if (open != null) {
                q.append(open ? " and status not in :closed" : " and status in :closed");
                p.put("closed", CLOSED);
            }
        }
        return EventRecord.<EventRecord>find(q.toString(), Sort.descending("reportedAt", "id"), p).page(0, MAX_REQUESTS).list();
    }

    static EventRecord one(String id) {
        EventRecord e = uuid(id).map(u -> EventRecord.<EventRecord>findById(u)).orElse(null);
        if (e == null) {
            throw ProblemException.notFound("service request " + ServiceCatalogue.abbreviate(id));
        }
        return e;
    }

    private static OffsetDateTime date(String raw, String field) {
        String s = SubmissionCheck.blankToNull(raw);
        if (s == null) {
            return null;
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                t = LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ProblemException.invalid(field, "'" + ServiceCatalogue.abbreviate(s)
                        + "' is not an ISO-8601 date-time such as 2024-05-01T08:00:00+08:00");
            }
        }
        return SaneValues.check(field, t);
    }

    /** true: open only, false: closed only, null: both. */
    private static Boolean status(String raw) {
        String s = SubmissionCheck.blankToNull(raw);
        if (s == null) {
            return null;
        }
        boolean open = false;
        boolean closed = false;
        for (String part : s.split(",")) {
            switch (part.strip().toLowerCase()) {
                case "open" -> open = true;
                case "closed" -> closed = true;
                default -> throw ProblemException.invalid("status", "open, closed or both (open,closed)");
            }
        }
        return open == closed ? null : open;
    }

    static Optional<UUID> uuid(String s) {
        try {
            return s == null || s.length() != 36 ? Optional.empty() : Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
