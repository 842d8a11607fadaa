package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A grid leader acts on the part of a person inside her scope: she changes only her own grids of the person, and the
 * person's coverage shows her only the contact households of her grids. The person serves grids of two communities;
 * the leader leads one of them.
 */
@QuarkusTest
class LeaderScopeTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-ls", "admin");
    /** 网格长 of 350182561001 (a level-1 grid: all its grids) */
    static final String LEADER = JwtKeys.forTests().token("leader-ls", Set.of("grid_leader"), Map.of("grids", List.of("350182561001000")));
    static final String MINE = "350182561001001";
    static final String MINE_TOO = "350182561001002";
    static final String OTHERS = "350182561002001";
    static boolean treeDone;

    static void post(String path, String body) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post(path).then().statusCode(201);
    }

    @BeforeEach
    void tree() {
        if (treeDone) {
            return;
        }
        treeDone = true;
        GridResourceTest.district("350182");
        post("/grids", "{\"code\":\"350182561\",\"name\":\"潭头镇\",\"level\":\"STREET\",\"parentCode\":\"350182\"}");
        for (String c : List.of("350182561001", "350182561002")) {
            post("/grids", "{\"code\":\"" + c + "\",\"name\":\"村" + c.substring(11) + "\",\"level\":\"COMMUNITY\",\"parentCode\":\"350182561\"}");
            post("/grids", "{\"code\":\"" + c + "000\",\"name\":\"一级网格" + c.substring(11) + "\",\"level\":\"GRID1\",\"parentCode\":\"" + c + "\"}");
        }
        double lon = 118.40;
        for (String g : List.of(MINE, MINE_TOO, OTHERS)) {
            post("/grids", "{\"code\":\"" + g + "\",\"name\":\"网格" + g.substring(9) + "\",\"level\":\"GRID\",\"parentCode\":\""
                    + g.substring(0, 12) + "000\",\"boundary\":" + GridResourceTest.square(lon, 26.40, 0.01) + "}");
            lon += 0.02;
        }
        post("/people", "{\"id\":\"ls-party\",\"name\":\"郑文\",\"role\":\"PARTY_MEMBER\",\"gridCodes\":[\"" + MINE + "\",\"" + OTHERS + "\"]}");
        post("/people", "{\"id\":\"ls-cadre\",\"name\":\"周敏\",\"role\":\"CADRE\",\"gridCodes\":[\"" + MINE + "\",\"" + OTHERS + "\"]}");
        post("/households", "{\"code\":\"LS-IN\",\"gridCode\":\"" + MINE + "\",\"address\":\"潭头村1号\",\"headName\":\"陈\","
                + "\"memberCount\":2,\"contactPersonId\":\"ls-cadre\"}");
        post("/households", "{\"code\":\"LS-OUT\",\"gridCode\":\"" + OTHERS + "\",\"address\":\"潭头村2号\",\"headName\":\"林\","
                + "\"memberCount\":3,\"contactPersonId\":\"ls-cadre\"}");
    }

    @Test
    void aLeaderChangesOnlyTheGridsOfAPersonInsideHerScope() {
        // she moves the person from one of her grids to another; the grid of the other community stays
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body(List.of(MINE_TOO)).put("/people/ls-party/grids").then()
                .statusCode(200).body("gridCodes", equalTo(List.of(MINE_TOO, OTHERS)));
        // she cannot add a grid outside her scope
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body(List.of(MINE, OTHERS)).put("/people/ls-party/grids").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).get("/people/ls-party").then().statusCode(200).body("gridCodes", equalTo(List.of(MINE_TOO, OTHERS)));
        // an admin replaces the whole list
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(List.of(MINE)).put("/people/ls-party/grids").then()
                .statusCode(200).body("gridCodes", equalTo(List.of(MINE)));
    }

    @Test
    void thePersonsCoverageListsOnlyTheHouseholdsInsideTheCallersScope() {
        given().auth().oauth2(LEADER).queryParam("period", "MONTH").get("/coverage/people/ls-cadre").then().statusCode(200)
                .body("contactHouseholds", equalTo(1)).body("notVisited.code", equalTo(List.of("LS-IN")));
        given().auth().oauth2(ADMIN).queryParam("period", "MONTH").get("/coverage/people/ls-cadre").then().statusCode(200)
                .body("contactHouseholds", equalTo(2)).body("notVisited.code", equalTo(List.of("LS-IN", "LS-OUT")));
        // the cadre herself sees all her contact households
        String self = JwtKeys.forTests().token("ls-cadre", "cadre");
        given().auth().oauth2(self).queryParam("period", "MONTH").get("/coverage/people/ls-cadre").then().statusCode(200)
                .body("contactHouseholds", equalTo(2));
    }
}
