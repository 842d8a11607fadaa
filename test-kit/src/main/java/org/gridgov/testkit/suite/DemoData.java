package org.gridgov.testkit.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small demo street for the local run and the system test: 汤泉街道 in Changle (county code
 * 350182) with two communities and six level-2 grids whose boundaries tile a 3 x 2 block. Loaded
 * through grid-service's REST API as an administrator would; loading twice changes nothing.
 */
public final class DemoData {
    public static final String STREET = "350182001";
    public static final double WEST = 119.520;
    public static final double SOUTH = 25.960;
    public static final double CELL = 0.004;

    public record Grid(String code, String name, String community, String leaderId, double west, double south) {
        /** the centre of the grid, for reports that should land in it */
        public double[] centre() {
            return new double[] { west + CELL / 2, south + CELL / 2 };
        }
    }

    public static final List<Grid> GRIDS = grids();

    private DemoData() {
    }

    private static List<Grid> grids() {
        List<Grid> out = new ArrayList<>();
        String[] names = { "东山第一网格", "东山第二网格", "东山第三网格", "西湖第一网格", "西湖第二网格", "西湖第三网格" };
        for (int i = 0; i < 6; i++) {
            String community = STREET + (i < 3 ? "001" : "002");
            String code = community + String.format("%03d", i % 3 + 1);
            out.add(new Grid(code, names[i], community, "worker-" + (i + 1), WEST + (i % 3) * CELL, SOUTH + (i / 3) * CELL));
        }
        return out;
    }

    /** Loads the street, its communities and grids; existing nodes are left as they are. */
    public static void load(String gridServiceUrl, String adminToken) {
        HttpClient http = HttpClient.newHttpClient();
        post(http, gridServiceUrl, adminToken, "{\"code\":\"" + STREET + "\",\"name\":\"汤泉街道\",\"level\":\"STREET\"}");
        post(http, gridServiceUrl, adminToken, "{\"code\":\"" + STREET + "001\",\"name\":\"东山社区\",\"level\":\"COMMUNITY\",\"parentCode\":\"" + STREET + "\"}");
        post(http, gridServiceUrl, adminToken, "{\"code\":\"" + STREET + "002\",\"name\":\"西湖社区\",\"level\":\"COMMUNITY\",\"parentCode\":\"" + STREET + "\"}");
        for (Grid g : GRIDS) {
            double w = g.west(), s = g.south(), e = w + CELL, n = s + CELL;
            String boundary = String.format(Locale.ROOT,
                    "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
                    w, s, e, s, e, n, w, n, w, s);
            post(http, gridServiceUrl, adminToken, "{\"code\":\"" + g.code() + "\",\"name\":\"" + g.name()
                    + "\",\"level\":\"GRID\",\"parentCode\":\"" + g.community() + "\",\"leaderId\":\"" + g.leaderId()
                    + "\",\"boundary\":" + boundary + "}");
        }
    }

    private static void post(HttpClient http, String base, String token, String json) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/grids"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw new IllegalStateException("demo data refused: " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot load demo data: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
