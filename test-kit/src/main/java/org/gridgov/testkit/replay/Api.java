package org.gridgov.testkit.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small JSON client for the replay: each call returns the answer's JSON or throws with the status and body. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    Api(int connections) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, connections / 4))).build();
    }

    /** An answer that was not 2xx. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(String what, int status, String body) {
            super(what + " -> " + status + " " + (body.length() > 500 ? body.substring(0, 500) : body));
            this.status = status;
        }
    }

    JsonNode get(String url, String token) {
        return send("GET " + url, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    JsonNode post(String url, String token, Object body) {
        return send("POST " + url, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    JsonNode post(String url, String token, Object body, String idempotencyKey) {
        return send("POST " + url, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", idempotencyKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    JsonNode put(String url, String token, Object body) {
        return send("PUT " + url, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    JsonNode delete(String url, String token) {
        return send("DELETE " + url, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).DELETE());
    }

    private static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode send(String what, HttpRequest.Builder request) {
        // a service restarting or a connection reset is retried a few times; the calls that create carry keys
        for (int attempt = 1;; attempt++) {
            try {
                HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    if (r.statusCode() == 503 && attempt < 5) {
                        Thread.sleep(200L * attempt);
                        continue;
                    }
                    throw new Refused(what, r.statusCode(), r.body());
                }
                return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            } catch (IOException e) {
                if (attempt >= 5) {
                    throw new IllegalStateException(what + ": " + e, e);
                }
                sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + " interrupted", e);
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
