package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Issue 20 item 6: visit photos, the backdating limit, coverage rolled up, empty grids. */
@QuarkusTest
class VisitPhotosAndCoverageTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-photos", "admin");
    static final String STREET = "350182861";
    static final String C1 = STREET + "001";
    static final String C2 = STREET + "002";
    static final String G1 = C1 + "001";
    static final String G2 = C1 + "002";
    static final String EMPTY = C1 + "003";
    static final String G3 = C2 + "001";
    static final String THEME = C1 + "950";
    static final String WORKER = JwtKeys.forTests().token("photo-w1", Set.of("grid_worker"), Map.of("grids", List.of(G1)));
    static final String CADRE = JwtKeys.forTests().token("photo-cadre", Set.of("cadre"), Map.of("grids", List.of(G1)));
    static final String OTHER_WORKER = JwtKeys.forTests().token("photo-w2", Set.of("grid_worker"), Map.of("grids", List.of(G2)));
    static final String LEADER = JwtKeys.forTests().token("photo-leader", Set.of("grid_leader"), Map.of("grids", List.of(C1 + "000")));
    static final String COMMUNITY_STAFF = JwtKeys.forTests().token("photo-staff", Set.of("community_staff"), Map.of("communities", List.of(C1)));
    static final String OTHER_STAFF = JwtKeys.forTests().token("photo-staff2", Set.of("community_staff"), Map.of("communities", List.of(C2)));
    static final String STREET_STAFF = JwtKeys.forTests().token("photo-street", Set.of("street_staff"), Map.of("streets", List.of(STREET)));
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1 };
    static boolean ready;
    static String h1;
    static String h2;
    static String h3;

    static String post(String token, String path, String body) {
        var r = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path);
        assertEquals(201, r.statusCode(), path + " " + body + ": " + r.asString());
        Object id = r.path("id");
        return id instanceof String s ? s : null;
    }

    static String grid(String code, String parent, double lon) {
        return "{\"code\":\"" + code + "\",\"name\":\"网格" + code.substring(12) + "\",\"level\":\"GRID\",\"parentCode\":\"" + parent
                + "\",\"boundary\":" + GridResourceTest.square(lon, 25.80, 0.01) + "}";
    }

    @BeforeEach
    void tree() {
        if (ready) {
            return;
        }
        ready = true;
        GridResourceTest.district("350182");
        post(ADMIN, "/grids", "{\"code\":\"" + STREET + "\",\"name\":\"梅花镇\",\"level\":\"STREET\",\"parentCode\":\"350182\"}");
        for (String c : List.of(C1, C2)) {
            post(ADMIN, "/grids", "{\"code\":\"" + c + "\",\"name\":\"村" + c + "\",\"level\":\"COMMUNITY\",\"parentCode\":\"" + STREET + "\"}");
            post(ADMIN, "/grids", "{\"code\":\"" + c + "000\",\"name\":\"一级网格\",\"level\":\"GRID1\",\"parentCode\":\"" + c + "\"}");
        }
        post(ADMIN, "/grids", grid(G1, C1 + "000", 119.80));
        post(ADMIN, "/grids", grid(G2, C1 + "000", 119.82));
        post(ADMIN, "/grids", grid(EMPTY, C1 + "000", 119.84));
        post(ADMIN, "/grids", grid(G3, C2 + "000", 119.86));
        post(ADMIN, "/grids", "{\"code\":\"" + THEME + "\",\"name\":\"渔业网格\",\"level\":\"GRID\",\"kind\":\"THEMATIC\",\"theme\":\"INDUSTRY\","
                + "\"parentCode\":\"" + C1 + "000\"}");
        post(ADMIN, "/people", "{\"id\":\"photo-w1\",\"name\":\"陈\",\"role\":\"GRID_WORKER\",\"gridCodes\":[\"" + G1 + "\"]}");
        post(ADMIN, "/people", "{\"id\":\"photo-cadre\",\"name\":\"林\",\"role\":\"CADRE\",\"gridCodes\":[\"" + G1 + "\"]}");
        post(ADMIN, "/people", "{\"id\":\"photo-w2\",\"name\":\"王\",\"role\":\"GRID_WORKER\",\"gridCodes\":[\"" + G2 + "\"]}");
        h1 = post(ADMIN, "/households", "{\"code\":\"MH-1\",\"gridCode\":\"" + G1 + "\",\"address\":\"梅花1号\",\"headName\":\"甲\",\"memberCount\":1,"
                + "\"thematicGrids\":[\"" + THEME + "\"]}");
        post(ADMIN, "/households", "{\"code\":\"MH-2\",\"gridCode\":\"" + G1 + "\",\"address\":\"梅花2号\",\"headName\":\"乙\",\"memberCount\":1}");
        h2 = post(ADMIN, "/households", "{\"code\":\"MH-3\",\"gridCode\":\"" + G2 + "\",\"address\":\"梅花3号\",\"headName\":\"丙\",\"memberCount\":1,"
                + "\"thematicGrids\":[\"" + THEME + "\"]}");
        h3 = post(ADMIN, "/households", "{\"code\":\"MH-4\",\"gridCode\":\"" + G3 + "\",\"address\":\"梅花4号\",\"headName\":\"丁\",\"memberCount\":1}");
    }

    @Test
    void aVisitCarriesPhotosThatOnlyItsJurisdictionReads() {
        String visit = post(WORKER, "/visits", "{\"householdId\":\"" + h1 + "\",\"notes\":\"拍照记录\"}");
        String url = given().auth().oauth2(WORKER).contentType("image/png").body(PNG).post("/visits/" + visit + "/photos").then()
                .statusCode(201).body("contentType", equalTo("image/png")).body("size", equalTo(PNG.length))
                .body("sha256", equalTo(org.gridgov.common.files.FileSignatures.sha256(PNG))).extract().path("url");
        given().auth().oauth2(WORKER).get("/visits/" + visit).then().statusCode(200).body("photos", hasSize(1))
                .body("photos[0].url", equalTo(url));
        byte[] back = given().auth().oauth2(WORKER).get(url).then().statusCode(200).contentType("image/png")
                .header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertArrayEquals(PNG, back);
        given().auth().oauth2(LEADER).get(url).then().statusCode(200);
        given().auth().oauth2(COMMUNITY_STAFF).get(url).then().statusCode(200);
        // another grid's worker, another community: as if it did not exist
        given().auth().oauth2(OTHER_WORKER).get(url).then().statusCode(404);
        given().auth().oauth2(OTHER_WORKER).get("/visits/" + visit).then().statusCode(404);
        given().auth().oauth2(OTHER_STAFF).get(url).then().statusCode(404);
        given().auth().oauth2(OTHER_WORKER).contentType("image/png").body(PNG).post("/visits/" + visit + "/photos").then().statusCode(404);
        // the same grid's cadre did not make this visit
        given().auth().oauth2(CADRE).contentType("image/png").body(PNG).post("/visits/" + visit + "/photos").then().statusCode(403);
    }

    @Test
    void onlyRealJpegOrPngWithinTheSizeLimitIsTaken() {
        String visit = post(WORKER, "/visits", "{\"householdId\":\"" + h1 + "\",\"notes\":\"照片校验\"}");
        String photos = "/visits/" + visit + "/photos";
        given().auth().oauth2(WORKER).contentType("image/jpeg").body("<html>not a photo</html>".getBytes()).post(photos).then()
                .statusCode(415).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        given().auth().oauth2(WORKER).contentType("image/gif").body("GIF89a".getBytes()).post(photos).then()
                .statusCode(415).body("errors[0].field", equalTo("Content-Type"));
        byte[] big = new byte[4097]; // %test.gridgov.visits.photo-max-bytes=4096
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        given().auth().oauth2(WORKER).contentType("image/jpeg").body(big).post(photos).then().statusCode(413)
                .body("errors[0].field", equalTo("body"));
        given().auth().oauth2(WORKER).contentType("image/jpeg").body(java.util.Arrays.copyOf(big, 4096)).post(photos).then().statusCode(201);
        given().auth().oauth2(WORKER).contentType("image/png").body(new byte[0]).post(photos).then().statusCode(400);
        given().auth().oauth2(WORKER).get("/visits/" + visit).then().body("photos", hasSize(1));
    }

    @Test
    void aVisitMayBeBackdatedOnlyAsFarAsTheSettingAllows() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String tooOld = today.minusDays(8) + "T10:00:00+08:00"; // gridgov.visits.max-backdate-days=7 by default
        given().auth().oauth2(WORKER).contentType(ContentType.JSON)
                .body("{\"householdId\":\"" + h1 + "\",\"notes\":\"补录\",\"visitedAt\":\"" + tooOld + "\"}").post("/visits").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("visitedAt"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON)
                .body("{\"householdId\":\"" + h1 + "\",\"notes\":\"补录\",\"visitedAt\":\"" + today.minusDays(7) + "T10:00:00+08:00\"}")
                .post("/visits").then().statusCode(201);
    }

    @Test
    void coverageRollsUpToCommunityStreetAndCountyWithTheGridsFiguresAndAnEmptyGridIsNotCovered() {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        post(WORKER, "/visits", "{\"householdId\":\"" + h1 + "\",\"notes\":\"月度走访\"}");
        given().auth().oauth2(ADMIN).queryParam("date", today).get("/coverage/grids/" + EMPTY).then().statusCode(200)
                .body("households", equalTo(0)).body("coverageRate", nullValue()).body("noHouseholds", equalTo(true));

        JsonPath community = given().auth().oauth2(COMMUNITY_STAFF).queryParam("date", today).get("/coverage/areas/" + C1).then()
                .statusCode(200).extract().jsonPath();
        long households = 0;
        long visited = 0;
        for (String g : List.of(G1, G2, EMPTY)) {
            JsonPath grid = given().auth().oauth2(COMMUNITY_STAFF).queryParam("date", today).get("/coverage/grids/" + g).then()
                    .statusCode(200).extract().jsonPath();
            Map<String, Object> part = community.getMap("parts.find { it.code == '" + g + "' }");
            assertEquals(grid.getInt("households"), part.get("households"), g);
            assertEquals(grid.getInt("visited"), part.get("visited"), g);
            assertEquals(grid.get("coverageRate"), part.get("coverageRate"), g);
            households += grid.getInt("households");
            visited += grid.getInt("visited");
        }
        assertEquals(3, households);
        assertEquals(households, community.getLong("households"));
        assertEquals(visited, community.getLong("visited"));
        assertEquals(3, community.getInt("grids"));
        assertEquals(1, community.getInt("gridsWithoutHouseholds"));
        assertEquals(true, community.getBoolean("parts.find { it.code == '" + EMPTY + "' }.noHouseholds"));

        JsonPath street = given().auth().oauth2(STREET_STAFF).queryParam("date", today).get("/coverage/areas/" + STREET).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(community.getLong("households"), street.getLong("parts.find { it.code == '" + C1 + "' }.households"));
        assertEquals(community.getLong("visited"), street.getLong("parts.find { it.code == '" + C1 + "' }.visited"));
        assertEquals(4, street.getLong("households"));
        assertEquals(community.getLong("visited"), street.getLong("visited"));
        JsonPath county = given().auth().oauth2(ADMIN).queryParam("date", today).get("/coverage/areas/350182").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(street.getLong("households"), county.getLong("parts.find { it.code == '" + STREET + "' }.households"));

        // a thematic grid covers its members, wherever they live
        given().auth().oauth2(LEADER).queryParam("date", today).get("/coverage/grids/" + THEME).then().statusCode(200)
                .body("households", equalTo(2)).body("visited", equalTo(1));
        // only inside the caller's jurisdiction
        given().auth().oauth2(OTHER_STAFF).get("/coverage/areas/" + C1).then().statusCode(404);
        given().auth().oauth2(WORKER).get("/coverage/areas/" + C1).then().statusCode(404);
        given().auth().oauth2(COMMUNITY_STAFF).get("/coverage/areas/" + STREET).then().statusCode(404);
        given().auth().oauth2(ADMIN).get("/coverage/areas/" + G1).then().statusCode(404);
    }
}
