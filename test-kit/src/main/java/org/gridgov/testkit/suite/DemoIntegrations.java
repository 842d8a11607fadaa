package org.gridgov.testkit.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes the local run an integration target for third parties: a demo Open311 client
 * application, whose api_key goes to {@code .gridgov/open311-api-key}, and the demo partner systems
 * of deploy/ ({@code police-110}, {@code iot-smoke}), each with its own report topic.
 */
public final class DemoIntegrations {
    /** the demo Open311 application's code */
    public static final String APP = "demo-app";
    /** the demo partner systems, as deploy/base/kafka has them */
    public static final List<String[]> PARTNERS = List.of(new String[] { "police-110", "110 报警平台 (demo)" },
            new String[] { "iot-smoke", "烟感报警平台 (demo)" });
    private static final Pattern API_KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"");

    private DemoIntegrations() {
    }

    /**
     * Registers the demo application (once; its key is shown only then, so it is kept in {@code keyFile}) and the demo
     * partners; what exists is left as it is.
     *
     * @return the demo application's api_key
     */
    public static String load(String eventServiceUrl, String adminToken, Path keyFile) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        for (String[] p : PARTNERS) {
            HttpResponse<String> r = post(http, eventServiceUrl + "/admin/partners", adminToken,
                    "{\"code\":\"" + p[0] + "\",\"name\":\"" + p[1] + "\"}");
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw new IllegalStateException("demo partner " + p[0] + " refused: " + r.statusCode() + " " + r.body());
            }
        }
        HttpResponse<String> r = register(http, eventServiceUrl, adminToken, APP);
        if (r.statusCode() == 409 && Files.exists(keyFile)) {
            return Files.readString(keyFile).strip();
        }
        if (r.statusCode() == 409) {
            // registered in a database kept from an earlier run, whose key file is gone: a new application
            r = register(http, eventServiceUrl, adminToken, APP + "-" + System.currentTimeMillis() / 1000);
        }
        Matcher m = API_KEY.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("demo Open311 application refused: " + r.statusCode() + " " + r.body());
        }
        Files.writeString(keyFile, m.group(1) + "\n");
        return m.group(1);
    }

    private static HttpResponse<String> register(HttpClient http, String base, String token, String code) {
        return post(http, base + "/admin/open311/clients", token, "{\"code\":\"" + code + "\",\"name\":\"随手拍 demo app\",\"rateLimitPerMinute\":600}");
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach event-service: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
