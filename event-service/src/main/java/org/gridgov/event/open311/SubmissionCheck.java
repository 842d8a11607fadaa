package org.gridgov.event.open311;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.problem.SaneValues;
import org.gridgov.event.open311.contact.ResidentContact;

/**
 * The protocol check of {@code POST /requests}: every field under its Open311 name, all errors at
 * once, and the translation of intake's own field names into Open311's.
 */
final class SubmissionCheck {
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_ADDRESS = 300;
    static final int MAX_MEDIA_URL = 1000;
    static final int MAX_IDEMPOTENCY_KEY = 200;
    static final String SERVICES = "GET /open311/v2/services lists them";

    private SubmissionCheck() {
    }

    /** A submission's checked fields; {@code text} is the description with the medium and the attributes appended. */
    record Checked(String serviceCode, Double lat, Double lon, String address, String description, String media, ResidentContact.Contact contact,
            String attributeLines) {
    }

    /**
     * @param attributes {@code attribute[code]} → values, checked by the catalogue
     */
    static Checked check(Open311.Submission s, Map<String, List<String>> attributes, ServiceCatalogue catalogue, String idempotencyKey) {
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
            code = null;
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
        ResidentContact.Contact contact = ResidentContact.checked(s.email(), s.phone(), s.firstName(), s.lastName(), errors);
        String lines = code == null ? "" : catalogue.check(code, attributes, errors);
        if (errors.size() == 1) {
            throw ProblemException.invalid(errors.get(0).field(), errors.get(0).reason());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Checked(code, lat, lon, address, description, media, contact, lines);
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

    private static Double coordinate(String raw, String field, double limit, List<Problem.FieldError> errors) {
        String s = blankToNull(raw);
        if (s == null) {
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "'" + ServiceCatalogue.abbreviate(s) + "' is not a number"));
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

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
