package org.gridgov.console.proxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.gridgov.console.config.ConsoleConfig;

/**
 * Forwards one call of the front end to a service with the signed-in user's bearer token, and the service's answer
 * back as it is: the console adds no rights of its own, the service decides what the user may see and do.
 */
@ApplicationScoped
public class Forwarder {
    /** request headers passed on (besides the token, which the console sets) */
    static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Idempotency-Key", "If-None-Match");
    /** response headers passed back */
    static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "X-Next-Cursor", "Location", "ETag",
            "X-Content-Type-Options", "Cache-Control", "Content-Disposition", "Retry-After");

    private final Backends backends;
    private final ConsoleConfig config;
    private final HttpClient http;

    Forwarder(Backends backends, ConsoleConfig config) {
        this.backends = backends;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
    }

    /** A call as the front end made it. */
    public record Call(String method, String service, String path, String query, java.util.function.Function<String, String> header,
            byte[] body) {
    }

    public Response forward(Call call, Optional<String> bearer) {
        Optional<URI> base = backends.base(call.service());
        if (base.isEmpty()) {
            return Problems.of(404, "Unknown service", "no service named '" + call.service() + "'", "service");
        }
        if (call.path().contains("..") || call.path().contains("//")) {
            return Problems.of(400, "Bad path", "the path must not contain '..' or '//'", "path");
        }
        URI target = URI.create(base.get() + "/" + call.path() + (call.query() == null || call.query().isEmpty() ? "" : "?" + call.query()));
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(config.timeout());
        for (String h : REQUEST_HEADERS) {
            String v = call.header().apply(h);
            if (v != null && !v.isBlank()) {
                b.header(h, v);
            }
        }
        bearer.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        byte[] body = call.body() == null ? new byte[0] : call.body();
        b.method(call.method(), body.length == 0 && ("GET".equals(call.method()) || "DELETE".equals(call.method()))
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return Problems.of(502, "Service unavailable", call.service() + " did not answer: " + e.getClass().getSimpleName(), "service");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problems.of(503, "Interrupted", "the call was interrupted", "service");
        }
        Response.ResponseBuilder out = Response.status(r.statusCode());
        if (r.body().length > 0) {
            out.entity(r.body());
        }
        for (String h : RESPONSE_HEADERS) {
            r.headers().firstValue(h).ifPresent(v -> out.header(h, v));
        }
        return out.build();
    }
}
