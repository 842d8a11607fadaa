package org.gridgov.common.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * Query and path parameters pass {@link SaneValues} before the resource method runs: a NUL in any of
 * them, or a date parameter ({@code ?from=+999999999-12-31T00:00:00Z}) outside the sane years, is a
 * 400 naming the parameter. The dates are checked here because Quarkus REST converts java.time
 * parameters itself, without asking a {@code ParamConverterProvider}; a value that does not parse
 * is left to that conversion, which {@link ProblemMappers#web} answers.
 */
public class SaneParams {
    private static final Map<Class<?>, Function<String, Object>> DATES = Map.of(OffsetDateTime.class, OffsetDateTime::parse,
            Instant.class, Instant::parse, LocalDate.class, LocalDate::parse, LocalDateTime.class, LocalDateTime::parse,
            ZonedDateTime.class, ZonedDateTime::parse);

    /** A date parameter of a resource method. */
    record DateParam(String name, boolean path, Function<String, Object> parser) {
    }

    private final Map<Method, List<DateParam>> dateParams = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(UriInfo uri, ResourceInfo resource) {
        MultivaluedMap<String, String> path = uri.getPathParameters();
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        nul(path);
        nul(query);
        Method m = resource.getResourceMethod();
        if (m == null) {
            return;
        }
        for (DateParam p : dateParams.computeIfAbsent(m, SaneParams::dateParams)) {
            List<String> values = (p.path() ? path : query).get(p.name());
            for (String v : values == null ? List.<String>of() : values) {
                Object date;
                try {
                    date = p.parser().apply(v.strip());
                } catch (DateTimeParseException e) {
                    continue;
                }
                if (SaneValues.problem(date) != null) {
                    throw ProblemException.invalid(p.name(), "'" + v + "' " + SaneValues.problem(date));
                }
            }
        }
    }

    private static void nul(MultivaluedMap<String, String> params) {
        params.forEach((name, values) -> {
            for (String v : values) {
                if (SaneValues.problem(v) != null) {
                    throw ProblemException.invalid(name, SaneValues.NUL);
                }
            }
        });
    }

    static List<DateParam> dateParams(Method m) {
        List<DateParam> found = new ArrayList<>();
        Class<?>[] types = m.getParameterTypes();
        Annotation[][] annotations = m.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            Function<String, Object> parser = DATES.get(types[i]);
            for (Annotation a : parser == null ? new Annotation[0] : annotations[i]) {
                if (a instanceof QueryParam q) {
                    found.add(new DateParam(q.value(), false, parser));
                } else if (a instanceof PathParam pp) {
                    found.add(new DateParam(pp.value(), true, parser));
                }
            }
        }
        return List.copyOf(found);
    }
}
