package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
class ReorganizationTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-5", "admin");
    static final String P = "350182701001";

    @Inject
    EntityManager em;

    static void post(String path, String body) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post(path).then().statusCode(201);
    }

    static String rect(double w, double s, double e, double n) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(w, s, e, s, e, n, w, n, w, s);
    }

    static String grid(String code, String name, String boundary) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"level\":\"GRID\",\"parentCode\":\"" + P + "000\",\"boundary\":" + boundary + "}";
    }

    String gridOf(String household) {
        return (String) em.createNativeQuery("select grid_code from household where code = :c").setParameter("c", household).getSingleResult();
    }

    @Test
    void aGridIsSplitThenMergedAndNoHouseholdIsOrphaned() {
        GridResourceTest.district("350182");
        post("/grids", "{\"code\":\"350182701\",\"name\":\"梅花镇\",\"level\":\"STREET\",\"parentCode\":\"350182\"}");
        post("/grids", "{\"code\":\"" + P + "\",\"name\":\"梅东村\",\"level\":\"COMMUNITY\",\"parentCode\":\"350182701\"}");
        post("/grids", "{\"code\":\"" + P + "000\",\"name\":\"梅东村一级网格\",\"level\":\"GRID1\",\"parentCode\":\"" + P + "\"}");
        post("/grids", grid(P + "001", "梅东大网格", rect(119.70, 25.30, 119.72, 25.31)));
        post("/grids", grid(P + "009", "邻居网格", rect(119.72, 25.30, 119.73, 25.31)));
        post("/buildings", "{\"code\":\"" + P + "001001\",\"name\":\"西楼\",\"address\":\"梅东西1号\",\"latitude\":25.305,\"longitude\":119.705}");
        post("/buildings", "{\"code\":\"" + P + "001002\",\"name\":\"东楼\",\"address\":\"梅东东1号\",\"latitude\":25.305,\"longitude\":119.715}");
        post("/households", "{\"code\":\"MD-W\",\"gridCode\":\"" + P + "001\",\"buildingCode\":\"" + P + "001001\",\"address\":\"西楼101\",\"headName\":\"陈\",\"memberCount\":2}");
        post("/households", "{\"code\":\"MD-E\",\"gridCode\":\"" + P + "001\",\"buildingCode\":\"" + P + "001002\",\"address\":\"东楼101\",\"headName\":\"林\",\"memberCount\":3}");
        post("/households", "{\"code\":\"MD-X\",\"gridCode\":\"" + P + "001\",\"address\":\"梅东村散居\",\"headName\":\"黄\",\"memberCount\":1}");

        String split = "{\"retire\":[\"" + P + "001\"],\"create\":[" + grid(P + "002", "梅东西网格", rect(119.70, 25.30, 119.71, 25.31))
                + "," + grid(P + "003", "梅东东网格", rect(119.71, 25.30, 119.72, 25.31)) + "]%s}";
        // one household has no located building: the request must say where it goes
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(split.formatted("")).post("/grids/reorganizations")
                .then().statusCode(400).body("errors[0].field", equalTo("fallbackCode"));
        // a new grid may not overlap a grid that stays
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"retire\":[\"" + P + "001\"],\"create\":[" + grid(P + "004", "越界", rect(119.70, 25.30, 119.725, 25.31)) + "]}")
                .post("/grids/reorganizations").then().statusCode(400).body("errors[0].field", equalTo("create[0].boundary"));
        assertEquals(P + "001", gridOf("MD-X"));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(split.formatted(",\"fallbackCode\":\"" + P + "002\""))
                .post("/grids/reorganizations").then().statusCode(200)
                .body("created", equalTo(List.of(P + "002", P + "003")));
        assertEquals(P + "002", gridOf("MD-W"));
        assertEquals(P + "003", gridOf("MD-E"));
        assertEquals(P + "002", gridOf("MD-X"));
        given().auth().oauth2(ADMIN).get("/grids/" + P + "001").then().body("status", equalTo("RETIRED"))
                .body("successorCodes", equalTo(List.of(P + "002", P + "003")));
        given().auth().oauth2(ADMIN).get("/grids/" + P + "001/history").then().body("change", equalTo(List.of("CREATE", "REORGANISE")));

        // merge them again
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"retire\":[\"" + P + "002\",\"" + P + "003\"],\"create\":[" + grid(P + "005", "梅东合并网格", rect(119.70, 25.30, 119.72, 25.31))
                        + "],\"fallbackCode\":\"" + P + "005\"}")
                .post("/grids/reorganizations").then().statusCode(200).body("householdsMoved." + P + "005", equalTo(3));
        assertEquals(0L, ((Number) em.createNativeQuery("select count(*) from household h join grid_node g on g.code = h.grid_code "
                + "where g.status <> 'ACTIVE'").getSingleResult()).longValue(), "no household is left in a retired grid");
        given().auth().oauth2(ADMIN).queryParam("lat", 25.305).queryParam("lon", 119.715).get("/grids/locate").then()
                .body("gridCode", equalTo(P + "005"));
    }
}
