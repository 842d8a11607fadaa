package org.gridgov.event.open311;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.problem.SaneValues;
import org.gridgov.event.category.Categories;
import org.gridgov.event.category.Category;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Open311 services: the reportable small classes of the category catalogue (the shared ones, and a county's own
 * where {@code jurisdiction_id} names the county), with the extra
 * attributes some of them ask for (table {@code open311_attribute}), and the check of the
 * attributes a request carries.
 */
@ApplicationScoped
public class ServiceCatalogue {
    static final int MAX_STRING = 200;
    static final int MAX_TEXT = 2000;
    static final Set<String> DATATYPES = Set.of("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist");

    @Inject
    Categories categories;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** @param county the county whose own services to add to the shared ones; null: the shared ones only */
    public List<Open311Views.Service> services(String county) {
        Map<String, Category> all = byKey();
        Set<String> withAttributes = QuarkusTransaction.joiningExisting().call(() -> Set.copyOf(
                em.createNativeQuery("select distinct service_code from open311_attribute", String.class).getResultList()));
        return categories.list(null, false, county == null ? Set.of() : Set.of(county)).stream().filter(Category::reportable).map(c -> {
            Category parent = all.get(c.parentKey);
            String keywords = String.join(",", c.code, c.kind.toLowerCase(), c.parentKey, c.nameEn);
            return new Open311Views.Service(c.key, c.nameZh, c.nameEn, withAttributes.contains(c.key), "realtime", keywords,
                    parent == null ? null : parent.nameZh);
        }).toList();
    }

    /** @param county the jurisdiction named: another county's service is unknown there; null: any */
    public Open311Views.ServiceDefinition definition(String code, String county) {
        Category c = categories.find(code);
        if (c == null || !c.reportable() || (county != null && !c.usableIn(county))) {
            throw ProblemException.notFound("service " + code + "; GET /open311/v2/services lists them");
        }
        return new Open311Views.ServiceDefinition(c.key, attributes(c.key));
    }

    /** a county of this deployment: one with a grid (in the registry's replica) or with categories of its own */
    boolean knownCounty(String county) {
        return QuarkusTransaction.joiningExisting().call(() -> !em.createNativeQuery("select 1 from grid_replica where code like ?1 "
                + "union all select 1 from category where county = ?2 limit 1").setParameter(1, county + "%").setParameter(2, county)
                .getResultList().isEmpty());
    }

    public List<Open311Views.Attribute> attributes(String serviceCode) {
        return QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery("select code, datatype, required, datatype_description, position, "
                + "description, choices from open311_attribute where service_code = ?1 order by position, code").setParameter(1, serviceCode)
                .getResultList().stream().map(r -> attribute((Object[]) r)).toList());
    }

    /**
     * Checks the attributes sent ({@code attribute[code]} → values) against the service's definition; errors name
     * {@code attribute[code]}. Returns the attributes as lines for the description, or an empty string.
     */
    String check(String serviceCode, Map<String, List<String>> sent, List<Problem.FieldError> errors) {
        List<Open311Views.Attribute> defined = serviceCode == null ? List.of() : attributes(serviceCode);
        Map<String, Open311Views.Attribute> byCode = defined.stream().collect(Collectors.toMap(Open311Views.Attribute::code, a -> a));
        for (String code : sent.keySet()) {
            if (!byCode.containsKey(code)) {
                errors.add(new Problem.FieldError(field(code), "service " + serviceCode + " has no such attribute; GET /open311/v2/services/"
                        + serviceCode + " defines them"));
            }
        }
        StringBuilder lines = new StringBuilder();
        for (Open311Views.Attribute a : defined) {
            List<String> values = sent.getOrDefault(a.code(), List.of()).stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
            if (values.isEmpty()) {
                if (a.required()) {
                    errors.add(new Problem.FieldError(field(a.code()), "required: " + a.description()));
                }
                continue;
            }
            String wrong = wrong(a, values);
            if (wrong != null) {
                errors.add(new Problem.FieldError(field(a.code()), wrong));
                continue;
            }
            lines.append("\n[").append(a.code()).append("] ").append(String.join(", ", values.stream().map(v -> shown(a, v)).toList()));
        }
        return lines.toString();
    }

    /** Why the values do not fit the attribute, or null. */
    static String wrong(Open311Views.Attribute a, List<String> values) {
        for (String v : values) {
            String insane = SaneValues.problem(v);
            if (insane != null) {
                return insane;
            }
        }
        if (values.size() > 1 && !a.datatype().equals("multivaluelist")) {
            return "one value only";
        }
        String v = values.get(0);
        return switch (a.datatype()) {
            case "number" -> {
                try {
                    double d = Double.parseDouble(v);
                    yield Double.isFinite(d) ? null : "a number";
                } catch (NumberFormatException e) {
                    yield "'" + abbreviate(v) + "' is not a number";
                }
            }
            case "datetime" -> {
                try {
                    OffsetDateTime.parse(v);
                    yield null;
                } catch (DateTimeParseException e) {
                    yield "'" + abbreviate(v) + "' is not an ISO-8601 date-time";
                }
            }
            case "singlevaluelist", "multivaluelist" -> {
                Set<String> keys = a.values() == null ? Set.of() : a.values().stream().map(Open311Views.AttributeValue::key).collect(Collectors.toSet());
                yield values.stream().filter(x -> !keys.contains(x)).findFirst().map(x -> "'" + abbreviate(x) + "' is not one of " + keys).orElse(null);
            }
            case "text" -> v.length() > MAX_TEXT ? "at most " + MAX_TEXT + " characters" : null;
            default -> v.length() > MAX_STRING ? "at most " + MAX_STRING + " characters" : null;
        };
    }

    private static String shown(Open311Views.Attribute a, String key) {
        return a.values() == null ? key : a.values().stream().filter(x -> x.key().equals(key)).findFirst().map(x -> key + " (" + x.name() + ")").orElse(key);
    }

    static String field(String code) {
        return "attribute[" + abbreviate(code) + "]";
    }

    public Map<String, Category> byKey() {
        Map<String, Category> all = new LinkedHashMap<>();
        QuarkusTransaction.joiningExisting().run(() -> Category.<Category>listAll().forEach(c -> all.put(c.key, c)));
        return all;
    }

    private Open311Views.Attribute attribute(Object[] r) {
        List<Open311Views.AttributeValue> values = null;
        if (r[6] != null) {
            try {
                values = mapper.readValue((String) r[6], new TypeReference<List<Open311Views.AttributeValue>>() {
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("open311_attribute " + r[0] + ": choices are no JSON list", e);
            }
        }
        return new Open311Views.Attribute(true, (String) r[0], (String) r[1], (Boolean) r[2], (String) r[3], ((Number) r[4]).intValue(),
                (String) r[5], values == null ? null : new ArrayList<>(values));
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
