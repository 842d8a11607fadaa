package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class GridResourceTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-1", "admin");
    static final String RESIDENT = JwtKeys.forTests().token("resident-1", "resident");
    /** street staff of 350182101 */
    static final String STREET_STAFF = JwtKeys.forTests().token("street-101", java.util.Set.of("street_staff"),
            java.util.Map.of("streets", java.util.List.of("350182101")));

    static String square(double lon, double lat, double size) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    static void district(String code) {
        int status = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"长乐区\",\"level\":\"DISTRICT\"}").post("/grids").statusCode();
        org.junit.jupiter.api.Assertions.assertTrue(status == 201 || status == 400, "district " + status);
    }

    static void post(String body, int status) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/grids").then().statusCode(status);
    }

    @Test
    void registersTheTreeAnnouncesItAndLocatesPoints() {
        district("350182");
        post("{\"code\":\"350182101\",\"name\":\"汤泉街道\",\"level\":\"STREET\",\"parentCode\":\"350182\"}", 201);
        post("{\"code\":\"350182101001\",\"name\":\"汤泉社区\",\"level\":\"COMMUNITY\",\"parentCode\":\"350182101\"}", 201);
        post("{\"code\":\"350182101001000\",\"name\":\"汤泉社区一级网格\",\"level\":\"GRID1\",\"parentCode\":\"350182101001\"}", 201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182101001001\",\"name\":\"第一网格\",\"level\":\"GRID\",\"parentCode\":\"350182101001000\","
                        + "\"leaderId\":\"worker-1\",\"boundary\":" + square(119.50, 25.90, 0.01) + "}")
                .post("/grids").then().statusCode(201)
                .header("Location", endsWith("/grids/350182101001001"))
                .body("communityCode", equalTo("350182101001"))
                .body("grid1Code", equalTo("350182101001000"))
                .body("districtCode", equalTo("350182"))
                .body("streetCode", equalTo("350182101"));
        post("{\"code\":\"350182101001002\",\"name\":\"第二网格\",\"level\":\"GRID\",\"parentCode\":\"350182101001000\","
                + "\"boundary\":" + square(119.51, 25.90, 0.01) + "}", 201);

        given().auth().oauth2(STREET_STAFF).get("/grids/350182101001001").then().statusCode(200)
                .body("name", equalTo("第一网格"));
        given().auth().oauth2(STREET_STAFF).queryParam("parent", "350182101001000").get("/grids").then().statusCode(200)
                .body("code", hasItem("350182101001002"));

        // inside the first grid, on the shared border (smaller code wins), outside every grid
        given().auth().oauth2(RESIDENT).queryParam("lat", 25.905).queryParam("lon", 119.505).get("/grids/locate")
                .then().statusCode(200).body("located", equalTo(true)).body("gridCode", equalTo("350182101001001"))
                .body("lineage.level", equalTo(List.of("DISTRICT", "STREET", "COMMUNITY", "GRID1", "GRID")))
                .body("lineage[1].name", equalTo("汤泉街道"));
        given().auth().oauth2(RESIDENT).queryParam("lat", 25.905).queryParam("lon", 119.51).get("/grids/locate")
                .then().statusCode(200).body("gridCode", equalTo("350182101001001"));
        given().auth().oauth2(RESIDENT).queryParam("lat", 25.905).queryParam("lon", 119.515).get("/grids/locate")
                .then().statusCode(200).body("gridCode", equalTo("350182101001002"));
        given().auth().oauth2(RESIDENT).queryParam("lat", 30.0).queryParam("lon", 120.0).get("/grids/locate")
                .then().statusCode(200).body("located", equalTo(false));

        // the transactional outbox published each change as a CloudEvent keyed by the grid code
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        List<TopicReader.Received> got = TopicReader.read(bootstrap, Topics.GRID_REGISTRY,
                r -> "350182101001001".equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, got.size(), "grid upsert on the registry topic");
        var ce = got.get(0).event();
        assertEquals("org.gridgov.grid.upserted.v1", ce.getType());
        assertEquals("/gridgov/grid-service", ce.getSource().toString());
        assertEquals("350182101001001", ce.getSubject());
        assertNotNull(ce.getTime());
        String data = new String(ce.getData().toBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(data.contains("第一网格"), data);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() {
        district("350182");
        post("{\"code\":\"350182102\",\"name\":\"东街道\",\"level\":\"STREET\",\"parentCode\":\"350182\"}", 201);
        post("{\"code\":\"350182102001\",\"name\":\"东社区\",\"level\":\"COMMUNITY\",\"parentCode\":\"350182102\"}", 201);
        post("{\"code\":\"350182102001000\",\"name\":\"东社区一级网格\",\"level\":\"GRID1\",\"parentCode\":\"350182102001\"}", 201);
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[119.6,25.9],[119.61,25.91],[119.61,25.9],[119.6,25.91],[119.6,25.9]]]}";
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182102001001\",\"name\":\"坏网格\",\"level\":\"GRID\",\"parentCode\":\"350182102001000\",\"boundary\":" + bowTie + "}")
                .post("/grids").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("boundary"));
        String unclosed = "{\"type\":\"Polygon\",\"coordinates\":[[[119.6,25.9],[119.61,25.9],[119.61,25.91],[119.6,25.91]]]}";
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182102001001\",\"name\":\"坏网格\",\"level\":\"GRID\",\"parentCode\":\"350182102001000\",\"boundary\":" + unclosed + "}")
                .post("/grids").then().statusCode(400).body("errors[0].field", equalTo("boundary.coordinates[0]"));
        String outOfRange = "{\"type\":\"Polygon\",\"coordinates\":[[[119.6,25.9],[200.0,25.9],[119.61,25.91],[119.6,25.9]]]}";
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182102001001\",\"name\":\"坏网格\",\"level\":\"GRID\",\"parentCode\":\"350182102001000\",\"boundary\":" + outOfRange + "}")
                .post("/grids").then().statusCode(400).body("errors[0].field", equalTo("boundary.coordinates[0][1]"));
        // a boundary travels in a CloudEvent: a valid circle of 12,000 vertices would outgrow a Kafka message
        StringBuilder circle = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i <= 12_000; i++) {
            double a = 2 * Math.PI * (i % 12_000) / 12_000;
            circle.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "[%.7f,%.7f]",
                    119.65 + 0.005 * Math.cos(a), 25.95 + 0.005 * Math.sin(a)));
        }
        circle.append("]]}");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182102001001\",\"name\":\"圆网格\",\"level\":\"GRID\",\"parentCode\":\"350182102001000\",\"boundary\":" + circle + "}")
                .post("/grids").then().statusCode(400).body("errors[0].field", equalTo("boundary"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("at most 10000 vertices"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182102001001\",\"name\":\"坏网格\",\"level\":\"GRID\",\"parentCode\":\"350182102001000\","
                        + "\"matters\":[\"HEALTH\",\"HEALTH\",\"HEALTH\",\"HEALTH\",\"HEALTH\",\"HEALTH\"]}")
                .post("/grids").then().statusCode(400).body("errors[0].field", equalTo("matters"));
        given().auth().oauth2(ADMIN).queryParam("lat", 95).queryParam("lon", 119).get("/grids/locate").then().statusCode(400);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182109001\",\"name\":\"孤儿\",\"level\":\"COMMUNITY\",\"parentCode\":\"350182109\"}")
                .post("/grids").then().statusCode(400).body("errors[0].field", equalTo("parentCode"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"12\",\"name\":\"\",\"level\":\"STREET\"}")
                .post("/grids").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("code")).body("errors.field", hasItem("name"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182102002\",\"name\":\"x\",\"level\":\"PLANET\"}")
                .post("/grids").then().statusCode(400).body("errors[0].field", equalTo("level"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"code\":")
                .post("/grids").then().statusCode(400).contentType("application/problem+json");
        // overlapping an existing grid at the same level
        post("{\"code\":\"350182102001001\",\"name\":\"好网格\",\"level\":\"GRID\",\"parentCode\":\"350182102001000\",\"boundary\":"
                + square(119.60, 25.90, 0.01) + "}", 201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182102001002\",\"name\":\"重叠\",\"level\":\"GRID\",\"parentCode\":\"350182102001000\",\"boundary\":"
                        + square(119.605, 25.905, 0.01) + "}")
                .post("/grids").then().statusCode(400).body("errors[0].field", equalTo("boundary"));
        // nothing of the refused requests was written
        given().auth().oauth2(ADMIN).get("/grids/350182102001002").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).get("/grids/350182109001").then().statusCode(404);
    }

    @Test
    void callersNeedAValidTokenAndTheRightRole() {
        given().get("/grids").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/grids").then().statusCode(401);
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"code\":\"350182103\",\"name\":\"西街道\",\"level\":\"STREET\",\"parentCode\":\"350182\"}")
                .post("/grids").then().statusCode(403);
    }

    @Test
    void healthCoversDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }
}
