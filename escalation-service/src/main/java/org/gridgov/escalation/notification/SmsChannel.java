package org.gridgov.escalation.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An SMS gateway over HTTP: {@code POST <gridgov.notification.sms.url>} with
 * {@code Authorization: Bearer <api-key>} and the JSON {@code {"id", "to", "text"}}; a 2xx answer
 * means the gateway took the message. The contract is in docs/notifications.md; an adapter for a
 * particular provider's API sits in front of it or replaces this class.
 */
@ApplicationScoped
public class SmsChannel implements NotificationChannel {
    @Inject
    NotificationConfig config;

    @Inject
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void send(Person to, Note note) throws Exception {
        String url = config.sms().url().orElseThrow(() -> new IllegalStateException("gridgov.notification.sms.url is not set"));
        if (to.phone() == null || to.phone().isBlank()) {
            throw new IllegalStateException("person " + to.id() + " has no phone number");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", note.id().toString());
        body.put("to", to.phone());
        body.put("text", note.subject() + " " + note.body());
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(config.sms().timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
        config.sms().apiKey().ifPresent(k -> r.header("Authorization", "Bearer " + k));
        HttpResponse<String> answer = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("SMS gateway answered " + answer.statusCode());
        }
    }
}
