package org.gridgov.event.open311;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.problem.SaneValues;
import org.gridgov.event.category.Categories;
import org.gridgov.event.category.Category;
import org.gridgov.event.event.ReportIntake;
import org.gridgov.event.event.EventRecord;
import org.gridgov.event.event.EventStatus;
import org.gridgov.event.event.Intake;
import org.gridgov.event.event.IntakeBatcher;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Open311 GeoReport v2 mapped onto the category catalogue and the event lifecycle. A service is a
 * reportable small class; a service request is an event reported through the single intake path
 * with channel {@code OPEN311}. Field errors use the Open311 names ({@code service_code},
 * {@code lat}, {@code long}, {@code address_string}, ...).
 */
@ApplicationScoped
public class Open311 {
    public static final org.gridgov.common.contract.Channel CHANNEL = org.gridgov.common.contract.Channel.OPEN311;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_ADDRESS = 300;
    static final int MAX_MEDIA_URL = 1000;
    static final int MAX_IDEMPOTENCY_KEY = 200;
    /** the spec's suggested limits for GET /requests */
    static final int MAX_REQUESTS = 1000;
    static final Duration MAX_RANGE = Duration.ofDays(90);
    /** closed in Open311's sense */
    static final Set<EventStatus> CLOSED = EnumSet.of(EventStatus.CLOSED, EventStatus.REJECTED, EventStatus.MERGED);
    private static final String SERVICES = "GET /open311/v2/services.json lists them";

    @Inject
    Intake intake;

    @Inject
    IntakeBatcher batcher;

    @Inject
    Categories categories;

    /** What is kept of a submission (and hashed for idempotency); contact fields are never part of it. */
    public record Submission(String serviceCode, String lat, String lon, String addressString, String description, String mediaUrl) {
    }

    // ---------------------------------------------------------------- services

    public List<Open311Views.Service> services() {
        Map<String, Category> all = byKey();
        return categories.list(null, false).stream().filter(Category::reportable).map(c -> {
            Category parent = all.get(c.parentKey);
            String keywords = String.join(",", c.code, c.kind.toLowerCase(), c.parentKey, c.nameEn);
            return new Open311Views.Service(c.key, c.nameZh, c.nameEn, false, "realtime", keywords,
                    parent == null ? null : parent.nameZh);
        }).toList();
    }

    public Open311Views.ServiceDefinition definition(String code) {
        Category c = categories.find(code);
        if (c == null || !c.reportable()) {
            throw ProblemException.notFound("service " + code);
        }
        return new Open311Views.ServiceDefinition(c.key, List.of());
    }

    // ---------------------------------------------------------------- POST /requests

    /**
     * Checks the submission with Open311 field names and reports it through
     * {@link ReportIntake#intake}; a problem intake raises is translated to the Open311 names.
     */
    /** Files the request through intake's group commit ({@link IntakeBatcher}); answers once it is committed. */
    public ReportIntake.Reported submit(Submission s, String reporter, String idempotencyKey) {
        List<Problem.FieldError> errors = new ArrayList<>();
        // form fields are no JSON, so SaneJson has not seen them
        String[][] fields = { { "service_code", s.serviceCode() }, { "lat", s.lat() }, { "long", s.lon() },
                { "address_string", s.addressString() }, { "description", s.description() }, { "media_url", s.mediaUrl() } };
        for (String[] f : fields) {
            if (SaneValues.problem(f[1]) != null) {
                errors.add(new Problem.FieldError(f[0], SaneValues.problem(f[1])));
            }
        }
        String code = blankToNull(s.serviceCode());
        if (code == null) {
            errors.add(new Problem.FieldError("service_code", "required; " + SERVICES));
        } else if (code.length() > 100) {
            errors.add(new Problem.FieldError("service_code", "unknown service; " + SERVICES));
        }
        Double lat = coordinate(s.lat(), "lat", 90, errors);
        Double lon = coordinate(s.lon(), "long", 180, errors);
        if (blankToNull(s.lat()) != null && blankToNull(s.lon()) == null) {
            errors.add(new Problem.FieldError("long", "lat and long go together"));
        }
        if (blankToNull(s.lon()) != null && blankToNull(s.lat()) == null) {
            errors.add(new Problem.FieldError("lat", "lat and long go together"));
        }
        String address = blankToNull(s.addressString());
        if (address != null && address.length() > MAX_ADDRESS) {
            errors.add(new Problem.FieldError("address_string", "at most " + MAX_ADDRESS + " characters"));
        }
        if (blankToNull(s.lat()) == null && blankToNull(s.lon()) == null && address == null) {
            String reason = "a location is required: lat and long, or address_string";
            errors.add(new Problem.FieldError("lat", reason));
            errors.add(new Problem.FieldError("long", reason));
            errors.add(new Problem.FieldError("address_string", reason));
        }
        String description = blankToNull(s.description());
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new Problem.FieldError("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        String media = blankToNull(s.mediaUrl());
        if (media != null && !webUrl(media)) {
            errors.add(new Problem.FieldError("media_url", "an http(s) URL of at most " + MAX_MEDIA_URL + " characters"));
        }
        if (idempotencyKey != null && idempotencyKey.length() > MAX_IDEMPOTENCY_KEY) {
            errors.add(new Problem.FieldError("Idempotency-Key", "at most " + MAX_IDEMPOTENCY_KEY + " characters"));
        }
        if (errors.size() == 1) {
            throw ProblemException.invalid(errors.get(0).field(), errors.get(0).reason());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String text = description;
        if (text == null) {
            Category c = categories.find(code);
            text = "(Open311 request without description: " + (c == null ? code : c.nameZh) + ")";
        }
        if (media != null) {
            // no size or checksum is known for a remote medium, so it is no evidence; the operator sees the link
            text = text + "\n[media_url] " + media;
        }
        try {
            return batcher.submit(new ReportIntake.Submission(new ReportIntake.NewReport(code, text, lat, lon, address,
                    CHANNEL, reporter, blankToNull(idempotencyKey), intake.hash(s), null, null, null, null, null), null, null));
        } catch (ProblemException e) {
            throw translate(e);
        }
    }

    /** A notice for the reporter about what became of the request. */
    static String notice(EventRecord e) {
        return switch (e.status) {
            case REPORTED -> "已收到，等待指挥中心立案 (received; the command centre will accept it or not)";
            case MERGED -> "与已有报告重复，已合并 (duplicate of " + e.mergedInto + ", followed there)";
            case REJECTED -> "不予立案 (not accepted): " + e.rejectReason;
            case CLOSED -> "已办结 (closed)";
            default -> "已立案 (accepted)";
        };
    }

    /** Intake names its own fields; an Open311 client knows the Open311 ones. */
    static ProblemException translate(ProblemException e) {
        if (e.errors().isEmpty()) {
            return e;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Problem.FieldError f : e.errors()) {
            String reason = f.reason() == null ? null : f.reason().replace("GET /categories lists them", SERVICES);
            switch (f.field()) {
                case "category" -> errors.add(new Problem.FieldError("service_code", reason, f.row()));
                case "location" -> {
                    errors.add(new Problem.FieldError("lat", reason, f.row()));
                    errors.add(new Problem.FieldError("long", reason, f.row()));
                    errors.add(new Problem.FieldError("address_string", reason, f.row()));
                }
                case "evidence" -> errors.add(new Problem.FieldError("media_url", reason, f.row()));
                case "address" -> errors.add(new Problem.FieldError("address_string", reason, f.row()));
                default -> errors.add(new Problem.FieldError(f.field(), reason, f.row()));
            }
        }
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason() : e.getMessage();
        return new ProblemException(e.status(), e.title(), detail, errors);
    }

    // ---------------------------------------------------------------- GET /requests

    /** The filters of GET /requests, as sent. */
    public record Query(String ids, String serviceCode, String startDate, String endDate, String status) {
    }

    public List<EventRecord> find(Query query) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (blankToNull(query.ids()) != null) {
            // the spec: with service_request_id, the other filters are ignored
            Set<UUID> ids = new LinkedHashSet<>();
            for (String s : query.ids().split(",")) {
                if (!s.isBlank()) {
                    ids.add(uuid(s.strip()).orElseThrow(() -> ProblemException.invalid("service_request_id", "'" + abbreviate(s.strip())
                            + "' is not a service_request_id")));
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
            if (blankToNull(query.serviceCode()) != null) {
                List<String> codes = List.of(query.serviceCode().split(",")).stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
                q.append(" and category in :codes");
                p.put("codes", codes);
            }
            OffsetDateTime start = date(query.startDate(), "start_date");
            OffsetDateTime end = date(query.endDate(), "end_date");
            if (start == null && end == null) {
                end = org.gridgov.common.clock.SuiteClock.now();
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

    public EventRecord one(String id) {
        EventRecord e = uuid(id).map(u -> EventRecord.<EventRecord>findById(u)).orElse(null);
        if (e == null) {
            throw ProblemException.notFound("service request " + abbreviate(id));
        }
        return e;
    }

    /**
     * The request as Open311 shows it. Without {@code personal}: no reporter, no description, no
     * address, the point rounded to 3 decimals (about 100 m), and no point at all for what happens at
     * someone's home: household visits, 12345 calls, hardship and dispute matters.
     */
    public Open311Views.ServiceRequest view(EventRecord e, Map<String, Category> categories, boolean personal) {
        Category c = categories.get(e.category);
        String notes = e.status == EventStatus.REJECTED ? e.rejectReason
                : e.status == EventStatus.MERGED && e.mergedInto != null ? "duplicate of " + e.mergedInto : null;
        return new Open311Views.ServiceRequest(e.id.toString(), CLOSED.contains(e.status) ? "closed" : "open", notes,
                c == null ? null : c.nameZh, e.category, personal ? e.description : null, e.handlerUnit, e.reportedAt,
                e.updatedAt, e.deadline, personal ? e.address : null,
                personal ? e.latitude : privatePlace(e) ? null : round(e.latitude),
                personal ? e.longitude : privatePlace(e) ? null : round(e.longitude));
    }

    static boolean privatePlace(EventRecord e) {
        return "VISIT".equals(e.channel) || "HOTLINE_12345".equals(e.channel) || e.category.startsWith("livelihood.")
                || e.category.equals("public-order.dispute");
    }

    public Map<String, Category> byKey() {
        return Category.<Category>listAll().stream().collect(Collectors.toMap(c -> c.key, Function.identity()));
    }

    // ---------------------------------------------------------------- parsing

    static Double round(Double v) {
        return v == null ? null : BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }

    private static Double coordinate(String raw, String field, double limit, List<Problem.FieldError> errors) {
        String s = blankToNull(raw);
        if (s == null) {
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "'" + abbreviate(s) + "' is not a number"));
            return null;
        }
        if (!Double.isFinite(v) || v < -limit || v > limit) {
            errors.add(new Problem.FieldError(field, "must be between " + (int) -limit + " and " + (int) limit));
            return null;
        }
        return v;
    }

    private static boolean webUrl(String s) {
        if (s.length() > MAX_MEDIA_URL) {
            return false;
        }
        try {
            URI u = new URI(s);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static OffsetDateTime date(String raw, String field) {
        String s = blankToNull(raw);
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
                throw ProblemException.invalid(field, "'" + abbreviate(s) + "' is not an ISO-8601 date-time such as 2024-05-01T08:00:00+08:00");
            }
        }
        return SaneValues.check(field, t);
    }

    /** true: open only, false: closed only, null: both. */
    private static Boolean status(String raw) {
        String s = blankToNull(raw);
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

    static java.util.Optional<UUID> uuid(String s) {
        try {
            return s == null || s.length() != 36 ? java.util.Optional.empty() : java.util.Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
