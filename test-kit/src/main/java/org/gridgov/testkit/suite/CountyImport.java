package org.gridgov.testkit.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.gridgov.testkit.demo.CountyGenerator;

/** Loads a generated county through grid-service's bulk imports, as an administrator would. */
public final class CountyImport {
    private CountyImport() {
    }

    /** @return a line saying what was imported, or why not (e.g. it was imported before) */
    public static String load(String gridServiceUrl, String adminToken, CountyGenerator county) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String grids = send(http, gridServiceUrl + "/imports/grids", adminToken, "application/geo+json",
                county.featureCollection(false).getBytes(StandardCharsets.UTF_8));
        if (grids.startsWith("400") && grids.contains("already exists")) {
            return "the county was imported before";
        }
        String households = send(http, gridServiceUrl + "/imports/households", adminToken, "text/csv",
                county.householdsCsv().getBytes(StandardCharsets.UTF_8));
        return "grids: " + grids + "; households: " + households;
    }

    private static String send(HttpClient http, String url, String token, String type, byte[] body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + (r.body().length() > 300 ? r.body().substring(0, 300) + "..." : r.body());
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
