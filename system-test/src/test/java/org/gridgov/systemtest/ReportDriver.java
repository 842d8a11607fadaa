package org.gridgov.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.path.json.JsonPath;

/**
 * The clients of the crash test, over plain {@link HttpClient}: a resident files a report with an
 * Idempotency-Key and an operator accepts it (立案). A request that meets a dead service (no
 * connection, a connection dropped, or a 5xx) is sent again, the same request with the same key,
 * until it is answered; the retries are counted.
 */
final class ReportDriver {
    /** how long one request is retried before the driver gives up */
    static final Duration GIVE_UP = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String eventService;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong retriedReports = new AtomicLong();

    ReportDriver(String eventServiceUrl) {
        this.eventService = eventServiceUrl;
    }

    /**
     * Files one report and accepts it.
     *
     * @return the event's id as event-service returned it
     */
    String report(String resident, String operator, String idempotencyKey, String json) {
        long before = retries.get();
        Answer created = send(post(eventService + "/events", resident, json).header("Idempotency-Key", idempotencyKey));
        // 201 the first time; 200 with the first event when an earlier attempt was written but its answer was lost
        if (created.status() != 201 && !(created.status() == 200 && created.attempts() > 1)) {
            throw new AssertionError("report " + idempotencyKey + ": " + created);
        }
        String id = JsonPath.from(created.body()).getString("id");
        Answer accepted = send(post(eventService + "/events/" + id + "/acceptance", operator, "{\"decision\":\"ACCEPT\"}"));
        // a retried acceptance whose first attempt was written finds the event accepted, perhaps already dispatched
        boolean acceptedBefore = accepted.status() == 409 && accepted.attempts() > 1
                && (accepted.body().contains("the event is ACCEPTED;") || accepted.body().contains("the event is DISPATCHED;"));
        if (accepted.status() != 200 && !acceptedBefore) {
            throw new AssertionError("acceptance of " + id + " (" + idempotencyKey + "): " + accepted);
        }
        if (retries.get() != before) {
            retriedReports.incrementAndGet();
        }
        return id;
    }

    /** A GET answered 200, retried like any other request. */
    String get(String url, String token) {
        Answer a = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
        if (a.status() != 200) {
            throw new AssertionError("GET " + url + ": " + a);
        }
        return a.body();
    }

    /** The ids of every page of a list that pages with X-Next-Cursor (event-service's lists). */
    List<String> pagedIds(String url, String token) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String page = cursor == null ? url : url + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
            Answer a = send(HttpRequest.newBuilder(URI.create(page)).header("Authorization", "Bearer " + token).GET());
            if (a.status() != 200) {
                throw new AssertionError("GET " + page + ": " + a);
            }
            ids.addAll(JsonPath.from(a.body()).getList("id", String.class));
            cursor = a.nextCursor();
        } while (cursor != null);
        return ids;
    }

    /** requests sent again after a connection error or a 5xx */
    long retries() {
        return retries.get();
    }

    /** reports of which at least one request was sent again */
    long retriedReports() {
        return retriedReports.get();
    }

    private static HttpRequest.Builder post(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    record Answer(int status, String body, String nextCursor, int attempts) {
        @Override
        public String toString() {
            return status + " after " + attempts + " attempt(s): " + body;
        }
    }

    /** Sends until the service answers below 500; waits 50 ms after the first failure, doubling up to 1 s. */
    private Answer send(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(Duration.ofSeconds(60)).build();
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        long pause = 50;
        String last = "nothing sent";
        for (int attempt = 1;; attempt++) {
            try {
                HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() < 500) {
                    return new Answer(answer.statusCode(), answer.body(), answer.headers().firstValue("X-Next-Cursor").orElse(null),
                            attempt);
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + r.method() + " " + r.uri(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(r.method() + " " + r.uri() + " unanswered after " + GIVE_UP + ": " + last);
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + r.method() + " " + r.uri(), e);
            }
            pause = Math.min(1000, pause * 2);
        }
    }
}
