package org.gridgov.common.problem;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Turns every client error into RFC 9457 problem+json that names the field, and every other error into a 500 that reveals nothing. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response response(int status, String title, String detail, String instance, List<Problem.FieldError> errors) {
        Problem p = new Problem(Problem.typeFor(status), title, status, detail, instance,
                errors == null || errors.isEmpty() ? null : errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    /**
     * A row refused by a unique constraint because a concurrent request wrote it first: 409, not 500; a value
     * refused as data (SQLSTATE class 22): 400.
     */
    @ServerExceptionMapper(priority = 1)
    public Response persistence(jakarta.persistence.PersistenceException e, UriInfo uri) {
        return conflictOrFailure(e, uri);
    }

    /** The same, when the refusal came at commit. */
    @ServerExceptionMapper(priority = 1)
    public Response rollback(jakarta.transaction.RollbackException e, UriInfo uri) {
        return conflictOrFailure(e, uri);
    }

    /** The same, from a transaction run with {@code QuarkusTransaction}. */
    @ServerExceptionMapper(priority = 1)
    public Response transaction(io.quarkus.narayana.jta.QuarkusTransactionException e, UriInfo uri) {
        return conflictOrFailure(e, uri);
    }

    /**
     * Anything no other mapper answers: a unique violation or a value PostgreSQL refused as data, found among
     * the causes (a service's own SQL wraps them), or else a 500 that names no class, SQL or stack.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        return conflictOrFailure(e, uri);
    }

    private Response conflictOrFailure(Throwable e, UriInfo uri) {
        if (Conflicts.isUniqueViolation(e, null)) {
            return response(409, "Conflict", "a concurrent request wrote the same thing first; read it, or retry", uri.getPath(), null);
        }
        if (DataErrors.isDataException(e)) {
            LOG.debug("a value was refused by the database", e);
            return response(400, "Invalid request", "a value is out of range or not acceptable (a NUL character, an impossible date "
                    + "or number, a text too long)", uri.getPath(), null);
        }
        LOG.error("request failed", e);
        return response(500, "Internal Server Error", "the request could not be completed", uri.getPath(), null);
    }

    @ServerExceptionMapper(priority = 1)
    public Response problem(ProblemException e, UriInfo uri) {
        return response(e.status(), e.title(), e.getMessage(), uri.getPath(), e.errors());
    }

    @ServerExceptionMapper(priority = 1)
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return response(400, "Invalid request", errors.size() + " field(s) are invalid", uri.getPath(), errors);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonParseException e, UriInfo uri) {
        return response(400, "Malformed JSON", "the body is not valid JSON: " + e.getOriginalMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return mapping(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return mapping(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unrecognized(UnrecognizedPropertyException e, UriInfo uri) {
        return mapping(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return mapping(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e instanceof jakarta.ws.rs.NotFoundException && e.getCause() != null) {
            // JAX-RS answers 404 when a query parameter cannot be converted (?status=NOPE, ?from=yesterday): that is
            // bad input, so name the parameter whose value the converter refused. A path parameter stays a 404.
            String message = String.valueOf(e.getCause().getMessage());
            for (var q : uri.getQueryParameters().entrySet()) {
                for (String v : q.getValue()) {
                    if (!v.isEmpty() && message.contains(v)) {
                        String reason = "cannot read '" + v + "': " + message;
                        return response(400, "Invalid request", q.getKey() + ": " + reason, uri.getPath(),
                                List.of(new Problem.FieldError(q.getKey(), reason)));
                    }
                }
            }
        }
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        Response r = response(status, title, e.getMessage(), uri.getPath(), null);
        // keep headers such as Allow or WWW-Authenticate
        Response.ResponseBuilder b = Response.fromResponse(r);
        e.getResponse().getHeaders().forEach((k, vs) -> {
            if (!k.equalsIgnoreCase("Content-Type") && !k.equalsIgnoreCase("Content-Length")) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        return b.build();
    }

    private Response mapping(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e);
        String reason = e instanceof UnrecognizedPropertyException ? "unknown field"
                : e instanceof InvalidFormatException ife ? "cannot read '" + ife.getValue() + "' as " + ife.getTargetType().getSimpleName()
                : e instanceof MismatchedInputException mie && mie.getTargetType() != null ? "expected " + mie.getTargetType().getSimpleName()
                : e.getOriginalMessage();
        if (field.isEmpty()) {
            return response(400, "Invalid request", reason, uri.getPath(), null);
        }
        return response(400, "Invalid request", field + ": " + reason, uri.getPath(), List.of(new Problem.FieldError(field, reason)));
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** {@code create.body.location.latitude} becomes {@code location.latitude}. */
    static String field(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node n : path) {
            switch (n.getKind()) {
                case METHOD, CONSTRUCTOR -> names.clear();
                case PARAMETER -> {
                }
                default -> {
                    // an element of a list or map: the index belongs to the container named before it
                    if (n.isInIterable() && !names.isEmpty()) {
                        Object at = n.getIndex() != null ? n.getIndex() : n.getKey();
                        if (at != null) {
                            names.set(names.size() - 1, names.get(names.size() - 1) + "[" + at + "]");
                        }
                    }
                    if (n.getName() != null && !n.getName().startsWith("<")) {
                        names.add(n.getName());
                    }
                }
            }
        }
        if (names.isEmpty()) {
            for (Path.Node n : path) {
                if (n.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                    return n.getName();
                }
            }
        }
        return String.join(".", names);
    }
}
