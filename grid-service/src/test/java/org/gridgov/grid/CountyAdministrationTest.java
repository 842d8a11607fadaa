package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.gridgov.grid.GridResourceTest.square;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Several counties in one deployment: a county's administrator (admin with a district claim) changes the registry,
 * imports and people of her county only, never a county node nor another county's; the system administrator
 * changes everything.
 */
@QuarkusTest
class CountyAdministrationTest {
    static final String SYSTEM = JwtKeys.forTests().token("admin-counties", "admin");
    static final String ADMIN_A = countyAdmin("county-admin-a", "350182");
    static final String ADMIN_B = countyAdmin("county-admin-b", "350183");
    static final String A = "350182621";
    static final String B = "350183621";

    static boolean ready;

    @Inject
    EntityManager em;

    static String countyAdmin(String user, String county) {
        return JwtKeys.forTests().token(user, Set.of("admin"), Map.of("district", county), Duration.ofHours(1));
    }

    static String node(String code, String level, String parent, String boundary) {
        return "{\"code\":\"" + code + "\",\"name\":\"县级测试" + code.substring(code.length() - 3) + "\",\"level\":\"" + level + "\","
                + "\"parentCode\":\"" + parent + "\"" + (boundary == null ? "" : ",\"boundary\":" + boundary) + "}";
    }

    static void create(String token, String body, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/grids").then().statusCode(status);
    }

    /** street, community, level-1 grid and grid 001 under {@code street}, by {@code token} */
    static void tree(String token, String street, double lon) {
        create(token, node(street, "STREET", street.substring(0, 6), null), 201);
        create(token, node(street + "001", "COMMUNITY", street, null), 201);
        create(token, node(street + "001000", "GRID1", street + "001", null), 201);
        create(token, node(street + "001001", "GRID", street + "001000", square(lon, 23.50, 0.01)), 201);
    }

    long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    @BeforeEach
    void fixtures() {
        if (ready) {
            return;
        }
        GridResourceTest.district("350182");
        int status = given().auth().oauth2(SYSTEM).contentType(ContentType.JSON)
                .body("{\"code\":\"350183\",\"name\":\"福清市\",\"level\":\"DISTRICT\"}").post("/grids").statusCode();
        org.junit.jupiter.api.Assertions.assertTrue(status == 201 || status == 400, "district " + status);
        tree(ADMIN_A, A, 116.50);
        tree(SYSTEM, B, 116.60);
        ready = true;
    }

    @Test
    void aCountysAdministratorChangesTheRegistryOfHerCountyOnly() {
        // never a county node, hers or another
        create(ADMIN_A, "{\"code\":\"350184\",\"name\":\"新县\",\"level\":\"DISTRICT\"}", 403);
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body("{\"code\":\"350182\",\"name\":\"改名\",\"level\":\"DISTRICT\"}")
                .put("/grids/350182").then().statusCode(403).body("detail", containsString("county"));
        // nothing of another county, named as the node or as its parent
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(node(B + "002", "COMMUNITY", B, null)).post("/grids").then()
                .statusCode(403).contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(node("350182622", "STREET", "350183", null)).post("/grids").then()
                .statusCode(403).body("errors[0].field", equalTo("parentCode"));
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(node(B + "001", "COMMUNITY", B, null).replace("县级测试", "改名"))
                .put("/grids/" + B + "001").then().statusCode(403);
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body("{}").post("/grids/" + B + "001001/retirement").then().statusCode(403);
        // a reorganization naming any grid of another county changes nothing
        String across = "{\"retire\":[\"" + A + "001001\"],\"create\":[" + node(B + "001002", "GRID", B + "001000", square(116.50, 23.50, 0.01))
                + "]}";
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(across).post("/grids/reorganizations").then().statusCode(403)
                .body("errors.field", hasItems("create[0].code", "create[0].parentCode"));
        given().auth().oauth2(SYSTEM).get("/grids/" + A + "001001").then().body("status", equalTo("ACTIVE"));
        // her own county's nodes she changes
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(node(A + "001", "COMMUNITY", A, null).replace("县级测试", "改名"))
                .put("/grids/" + A + "001").then().statusCode(200).body("name", startsWith("改名"));
        String within = "{\"retire\":[\"" + A + "001001\"],\"create\":[" + node(A + "001002", "GRID", A + "001000", square(116.50, 23.50, 0.01))
                + "],\"fallbackCode\":\"" + A + "001002\"}";
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(within).post("/grids/reorganizations").then().statusCode(200)
                .body("created", hasItem(A + "001002"));
        // and the other county's administrator does not even see them
        given().auth().oauth2(ADMIN_B).get("/grids/" + A + "001002").then().statusCode(404);
        // the system administrator changes any county's
        given().auth().oauth2(SYSTEM).contentType(ContentType.JSON).body(node(B + "001", "COMMUNITY", B, null).replace("县级测试", "系统改名"))
                .put("/grids/" + B + "001").then().statusCode(200);
    }

    static org.hamcrest.Matcher<String> startsWith(String prefix) {
        return org.hamcrest.Matchers.startsWith(prefix);
    }

    static String feature(String code, String level, String parent) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"导入" + code.substring(code.length() - 3)
                + "\",\"level\":\"" + level + "\",\"parentCode\":\"" + parent + "\"},\"geometry\":null}";
    }

    @Test
    void aCountysAdministratorImportsWithinHerCountyOnly() {
        String outside = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("350182623", "STREET", "350182") + ","
                + feature("350183623", "STREET", "350183") + "]}";
        given().auth().oauth2(ADMIN_A).contentType("application/geo+json").body(outside).post("/imports/grids").then().statusCode(403)
                .contentType("application/problem+json").body("errors.field", hasItems("features[1].properties.code", "features[1].properties.parentCode"))
                .body("errors.row", equalTo(java.util.List.of(1, 1)));
        assertEquals(0, count("select count(*) from grid_node where code in ('350182623', '350183623')"));
        String inside = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("350182623", "STREET", "350182") + ","
                + feature("350182623001", "COMMUNITY", "350182623") + "]}";
        given().auth().oauth2(ADMIN_A).contentType("application/geo+json").body(inside).post("/imports/grids").then().statusCode(200)
                .body("imported", equalTo(2));
        // a county node in the file is the system administrator's
        given().auth().oauth2(ADMIN_A).contentType("application/geo+json")
                .body("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"350185\",\"name\":\"县\","
                        + "\"level\":\"DISTRICT\"},\"geometry\":null}]}")
                .post("/imports/grids").then().statusCode(403).body("errors[0].field", equalTo("features[0].properties.code"));

        String header = "户编码,网格编码,地址,户主姓名,人口数\n";
        String mixed = header + "CA-1," + A + "001001,县甲1号,陈建国,3\n" + "CB-1," + B + "001001,县乙1号,林美玲,2\n";
        given().auth().oauth2(ADMIN_A).contentType("text/csv").body(mixed.getBytes(StandardCharsets.UTF_8)).post("/imports/households")
                .then().statusCode(403).contentType("application/problem+json")
                .body("errors.find { it.row == 3 }.field", equalTo("gridCode"));
        assertEquals(0, count("select count(*) from household where code in ('CA-1', 'CB-1')"));
        String own = header + "CA-2," + A + "001001,县甲2号,黄志强,3\n";
        given().auth().oauth2(ADMIN_A).contentType("text/csv").body(own.getBytes(StandardCharsets.UTF_8)).post("/imports/households")
                .then().statusCode(200).body("imported", equalTo(1));
        given().auth().oauth2(ADMIN_B).contentType("text/csv").body(own.replace("CA-2", "CA-3").getBytes(StandardCharsets.UTF_8))
                .post("/imports/households").then().statusCode(403);
        // the system administrator imports anywhere
        given().auth().oauth2(SYSTEM).contentType("text/csv").body((header + "CB-2," + B + "001001,县乙2号,林美玲,2\n").getBytes(StandardCharsets.UTF_8))
                .post("/imports/households").then().statusCode(200);
    }

    @Test
    void aCountysAdministratorManagesThePeopleOfHerCountyOnly() {
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON)
                .body("{\"id\":\"ca-worker\",\"name\":\"县甲网格员\",\"role\":\"VOLUNTEER\",\"gridCodes\":[\"" + B + "001001\"]}")
                .post("/people").then().statusCode(403);
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON)
                .body("{\"id\":\"ca-worker\",\"name\":\"县甲网格员\",\"role\":\"VOLUNTEER\",\"gridCodes\":[\"" + A + "001000\"]}")
                .post("/people").then().statusCode(201);
        given().auth().oauth2(ADMIN_B).get("/people/ca-worker").then().statusCode(404);
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body("{\"phone\":\"13900000123\"}").patch("/people/ca-worker")
                .then().statusCode(404);
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body("[\"" + B + "001001\"]").put("/people/ca-worker/grids")
                .then().statusCode(404);
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body("{\"phone\":\"13900000123\"}").patch("/people/ca-worker")
                .then().statusCode(200);
        given().auth().oauth2(ADMIN_A).get("/people/ca-worker").then().statusCode(200).body("phone", equalTo("13900000123"));
        given().auth().oauth2(SYSTEM).get("/people/ca-worker").then().statusCode(200);
        // households likewise
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON)
                .body("{\"code\":\"CB-9\",\"gridCode\":\"" + B + "001001\",\"address\":\"县乙9号\",\"headName\":\"陈\",\"memberCount\":1}")
                .post("/households").then().statusCode(403);
    }
}
