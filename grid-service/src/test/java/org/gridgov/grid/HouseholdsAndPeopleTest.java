package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
class HouseholdsAndPeopleTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-2", "admin");
    static final String WORKER = JwtKeys.forTests().token("worker-a", java.util.Set.of("grid_worker"),
            java.util.Map.of("grids", List.of("350182301001000")));
    static final String STAFF = JwtKeys.forTests().token("staff-1", java.util.Set.of("community_staff"),
            java.util.Map.of("communities", List.of("350182301001")));
    static final String ID = "350182195003071234";
    static final String G1 = "350182301001001";
    static final String G2 = "350182301001002";
    static final String THEME = "350182301001901";

    @Inject
    EntityManager em;

    static void post(String path, String body, int status) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post(path).then().statusCode(status);
    }

    static String validId() {
        // fix the check character of ID so that the number is valid
        int[] w = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (ID.charAt(i) - '0') * w[i];
        }
        return ID.substring(0, 17) + "10X98765432".charAt(sum % 11);
    }

    static boolean treeDone;

    @BeforeEach
    void tree() {
        if (treeDone) {
            return;
        }
        treeDone = true;
        GridResourceTest.district("350182");
        post("/grids", "{\"code\":\"350182301\",\"name\":\"潭头镇\",\"level\":\"STREET\",\"parentCode\":\"350182\"}", 201);
        post("/grids", "{\"code\":\"350182301001\",\"name\":\"大宏村\",\"level\":\"COMMUNITY\",\"parentCode\":\"350182301\"}", 201);
        post("/grids", "{\"code\":\"350182301001000\",\"name\":\"大宏村一级网格\",\"level\":\"GRID1\",\"parentCode\":\"350182301001\"}", 201);
        post("/grids", "{\"code\":\"" + G1 + "\",\"name\":\"大宏一组\",\"level\":\"GRID\",\"parentCode\":\"350182301001000\",\"boundary\":"
                + GridResourceTest.square(119.30, 25.80, 0.01) + "}", 201);
        post("/grids", "{\"code\":\"" + G2 + "\",\"name\":\"大宏二组\",\"level\":\"GRID\",\"parentCode\":\"350182301001000\",\"boundary\":"
                + GridResourceTest.square(119.31, 25.80, 0.01) + "}", 201);
        post("/grids", "{\"code\":\"" + THEME + "\",\"name\":\"银发网格\",\"level\":\"GRID\",\"kind\":\"THEMATIC\",\"theme\":\"AGE_GROUP\","
                + "\"parentCode\":\"350182301001000\",\"matters\":[\"HEALTH\"]}", 201);
    }

    @Test
    void peopleAreRegisteredWithMaskedPhonesAndTheReplicaFeedNamesTheWorkers() {
        post("/people", "{\"id\":\"worker-a\",\"name\":\"王丽\",\"role\":\"GRID_WORKER\",\"phone\":\"13900000001\",\"gridCodes\":[\"" + G1 + "\"]}", 201);
        given().auth().oauth2(STAFF).queryParam("grid", G1).get("/people").then().statusCode(200)
                .body("find { it.id == 'worker-a' }.phone", equalTo("139****0001"));
        given().auth().oauth2(ADMIN).get("/people/worker-a").then().statusCode(200).body("phone", equalTo("13900000001"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("[\"" + G1 + "\",\"" + G2 + "\"]")
                .put("/people/worker-a/grids").then().statusCode(200).body("gridCodes", equalTo(List.of(G1, G2)));

        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        List<TopicReader.Received> g2 = TopicReader.read(bootstrap, Topics.GRID_REGISTRY, r -> G2.equals(r.key())
                && new String(r.event().getData().toBytes(), StandardCharsets.UTF_8).contains("worker-a"), 1, Duration.ofSeconds(20));
        assertEquals(1, g2.size(), "the replica feed re-announces a grid whose workers changed");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"id\":\"x y\",\"name\":\"\",\"role\":\"BOSS\",\"phone\":\"123\"}").post("/people").then().statusCode(400)
                .body("errors.field", hasItem("role"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"id\":\"p2\",\"name\":\"李\",\"role\":\"VOLUNTEER\",\"phone\":\"123\",\"gridCodes\":[\"999\"]}").post("/people")
                .then().statusCode(400).body("errors.field", hasItem("phone"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"id\":\"p3\",\"name\":\"李\",\"role\":\"VOLUNTEER\",\"gridCodes\":[\"350182999999999\"]}").post("/people")
                .then().statusCode(400).body("errors[0].field", equalTo("gridCodes[0]"));
        given().auth().oauth2(ADMIN).get("/people/p3").then().statusCode(404);
    }

    @Test
    void householdFilesKeepIdNumbersEncryptedAndMaskedAndListFocusHouseholdsFirst() {
        post("/people", "{\"id\":\"party-a\",\"name\":\"吴建华\",\"role\":\"PARTY_MEMBER\",\"cadreClass\":\"C1\",\"gridCodes\":[\"" + G1 + "\"]}", 201);
        post("/buildings", "{\"code\":\"" + G1 + "001\",\"name\":\"大宏路1号楼\",\"address\":\"大宏路1号\",\"latitude\":25.805,\"longitude\":119.305}", 201);
        String id = given().auth().oauth2(WORKER).contentType(ContentType.JSON)
                .body("{\"code\":\"DH-001\",\"gridCode\":\"" + G1 + "\",\"buildingCode\":\"" + G1 + "001\",\"address\":\"大宏路1号101室\","
                        + "\"headName\":\"陈建国\",\"headPhone\":\"13700000001\",\"headIdNumber\":\"" + validId() + "\",\"memberCount\":4,"
                        + "\"tags\":[\"ELDERLY\"],\"contactPersonId\":\"party-a\",\"thematicGrids\":[\"" + THEME + "\"]}")
                .post("/households").then().statusCode(201)
                .body("headIdNumber", equalTo("3501**********" + validId().substring(14)))
                .body("headPhone", equalTo("137****0001"))
                .body("thematicGrids", equalTo(List.of(THEME))).extract().path("id");
        post("/households", "{\"code\":\"DH-002\",\"gridCode\":\"" + G1 + "\",\"address\":\"大宏路1号102室\",\"headName\":\"林美玲\","
                + "\"memberCount\":2,\"focusTags\":[\"POOR\"],\"contactPersonId\":\"party-a\"}", 201);

        // at rest the ID number is ciphertext, never the number itself
        String stored = (String) em.createNativeQuery("select head_id_enc from household where code = 'DH-001'").getSingleResult();
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains(validId().substring(6, 14)), stored);

        // lists: masked, focus households first; the detail shows the ID number to admins only
        given().auth().oauth2(STAFF).queryParam("grid", G1).get("/households").then().statusCode(200)
                .body("[0].code", equalTo("DH-002")).body("[1].code", equalTo("DH-001"))
                .body("headIdNumber", not(hasItem(validId())));
        given().auth().oauth2(WORKER).get("/households/" + id).then().statusCode(200)
                .body("headIdNumber", containsString("*")).body("headPhone", equalTo("13700000001"));
        given().auth().oauth2(ADMIN).get("/households/" + id).then().statusCode(200).body("headIdNumber", equalTo(validId()));
        // every read in clear is audited: who, when, which fields; the audit is for admins
        given().auth().oauth2(ADMIN).queryParam("subject", "household:" + id).get("/audit/pii").then().statusCode(200)
                .body("accessedBy", equalTo(List.of("admin-2", "worker-a")))
                .body("[0].fields", equalTo(List.of("headPhone", "headIdNumber")))
                .body("[1].fields", equalTo(List.of("headPhone")));
        given().auth().oauth2(STAFF).queryParam("subject", "household:" + id).get("/audit/pii").then().statusCode(403);
        given().auth().oauth2(STAFF).queryParam("focus", "POOR").queryParam("grid", G1).get("/households").then()
                .body("code", equalTo(List.of("DH-002")));
        given().auth().oauth2(STAFF).get("/households/by-contact/party-a").then().body("code", equalTo(List.of("DH-001", "DH-002")));

        // locate by building and by address
        given().auth().oauth2(STAFF).queryParam("building", G1 + "001").get("/grids/locate").then()
                .body("gridCode", equalTo(G1)).body("matchedBy", equalTo("building"));
        given().auth().oauth2(STAFF).queryParam("address", "大宏路1号").get("/grids/locate").then().body("gridCode", equalTo(G1));

        // bad input names the field and writes nothing
        given().auth().oauth2(WORKER).contentType(ContentType.JSON)
                .body("{\"gridCode\":\"" + G1 + "\",\"address\":\"x\",\"headName\":\"x\",\"memberCount\":1,\"headIdNumber\":\"350182195003071230\"}")
                .post("/households").then().statusCode(400).body("errors.field", equalTo(List.of("headIdNumber")));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON)
                .body("{\"gridCode\":\"350182301001999\",\"address\":\"x\",\"headName\":\"x\",\"memberCount\":0,\"tags\":[\"RICH\"]}")
                .post("/households").then().statusCode(400).body("errors[0].field", equalTo("tags[0]"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON)
                .body("{\"gridCode\":\"350182301001999\",\"address\":\"x\",\"headName\":\"x\",\"memberCount\":0}")
                .post("/households").then().statusCode(400).body("errors.field", hasItem("memberCount"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON)
                .body("{\"gridCode\":\"350182301001999\",\"address\":\"x\",\"headName\":\"x\",\"memberCount\":1}")
                .post("/households").then().statusCode(400).body("errors.field", hasItem("gridCode"));
        assertEquals(2L, ((Number) em.createNativeQuery("select count(*) from household where grid_code like '350182301%'")
                .getSingleResult()).longValue());
    }

    @Test
    void retiringAGridHandsItsHouseholdsToTheSuccessorAndKeepsItsHistory() {
        post("/grids", "{\"code\":\"350182301001003\",\"name\":\"大宏三组\",\"level\":\"GRID\",\"parentCode\":\"350182301001000\",\"boundary\":"
                + GridResourceTest.square(119.34, 25.80, 0.01) + "}", 201);
        post("/households", "{\"code\":\"DH-301\",\"gridCode\":\"350182301001003\",\"address\":\"三组1号\",\"headName\":\"黄志强\",\"memberCount\":3}", 201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{}").post("/grids/350182301001003/retirement")
                .then().statusCode(400).body("errors[0].field", equalTo("successorCode"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{}").post("/grids/350182301001000/retirement")
                .then().statusCode(409);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"successorCode\":\"" + G1 + "\"}")
                .post("/grids/350182301001003/retirement").then().statusCode(200)
                .body("status", equalTo("RETIRED")).body("successorCodes", equalTo(List.of(G1)));
        given().auth().oauth2(STAFF).queryParam("grid", G1).get("/households").then().body("code", hasItem("DH-301"));
        given().auth().oauth2(STAFF).get("/grids/350182301001003/history").then().statusCode(200)
                .body("change", equalTo(List.of("CREATE", "RETIRE")));
        // a point in the retired grid is no longer located there
        given().auth().oauth2(STAFF).queryParam("lat", 25.805).queryParam("lon", 119.345).get("/grids/locate").then()
                .body("located", equalTo(false));
        // a retired grid cannot be changed
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"350182301001003\",\"name\":\"x\",\"level\":\"GRID\",\"parentCode\":\"350182301001000\",\"boundary\":"
                        + GridResourceTest.square(119.34, 25.80, 0.01) + "}")
                .put("/grids/350182301001003").then().statusCode(409);
    }
}
