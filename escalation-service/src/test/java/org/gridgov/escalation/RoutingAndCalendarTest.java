package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RoutingAndCalendarTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-9", "admin");

    static String rule(String id, String category, String place, String tier, String handler) {
        return "{\"id\":\"" + id + "\",\"categoryPrefix\":\"" + category + "\",\"placePrefix\":\"" + place + "\",\"tier\":\"" + tier
                + "\",\"handler\":\"" + handler + "\"}";
    }

    @Test
    void ruleEditsThatLeaveAnEventWithoutAHandlerAreRefused() {
        given().auth().oauth2(ADMIN).get("/routing/rules").then().statusCode(200).body("version", greaterThan(0))
                .body("rules.id", hasItem("default-grid"));
        // no catch-all at STREET: an unknown category would have no handler there
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"rules\":[" + rule("g", "", "", "GRID", "GRID") + "," + rule("c", "", "", "COMMUNITY", "COMMUNITY") + ","
                        + rule("s", "market", "", "STREET", "DEPT:market") + "]}")
                .post("/routing/rules").then().statusCode(400).body("errors[0].field", equalTo("rules"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"rules\":[" + rule("g", "", "", "GRID", "GRID") + "," + rule("c", "", "", "COMMUNITY", "COMMUNITY") + ","
                        + rule("s", "", "", "STREET", "DEPT:nasa") + "]}")
                .post("/routing/rules").then().statusCode(400).body("errors[0].field", equalTo("rules[2].handler"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"rules\":[" + rule("g", "Bad Category", "", "GRID", "GRID") + "]}")
                .post("/routing/rules").then().statusCode(400).body("errors[0].field", equalTo("rules[0].categoryPrefix"));
        int before = given().auth().oauth2(ADMIN).get("/routing/rules").then().extract().path("version");
        int after = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"note\":\"花园片区交给社区\",\"rules\":[" + rule("g", "", "", "GRID", "GRID") + "," + rule("c", "", "", "COMMUNITY", "COMMUNITY")
                        + "," + rule("s", "", "", "STREET", "STREET") + "]}")
                .post("/routing/rules").then().statusCode(200).extract().path("version");
        // one sequence of versions for the shared and the counties' sets: a county may have published in between
        org.junit.jupiter.api.Assertions.assertTrue(after > before, after + " after " + before);
        given().auth().oauth2(ADMIN).get("/routing/rules").then().body("version", equalTo(after));
        given().auth().oauth2(ADMIN).get("/routing/rules/" + before).then().statusCode(200).body("rules.id", hasItem("default-grid"));
        given().auth().oauth2(ADMIN).get("/routing/rules/999").then().statusCode(404);
        // put the defaults back as the newest version, for the tests that route by them
        java.util.Map<String, Object> v1 = given().auth().oauth2(ADMIN).get("/routing/rules/" + before).then().extract().path("$");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(java.util.Map.of("rules", v1.get("rules"), "note", "back to the defaults"))
                .post("/routing/rules").then().statusCode(200).body("version", greaterThan(after));
        given().auth().oauth2(JwtKeys.forTests().token("w", "grid_worker")).contentType(ContentType.JSON)
                .body("{\"rules\":[]}").post("/routing/rules").then().statusCode(403);
    }

    @Test
    void theCalendarIsDataAndImpossibleYearsAreRefused() {
        given().auth().oauth2(ADMIN).get("/calendar/2026").then().statusCode(200)
                .body("days.find { it.date == '2026-10-10' }.kind", equalTo("WORKDAY"))
                .body("days.find { it.date == '2026-02-17' }.name", equalTo("春节"));
        given().auth().oauth2(ADMIN).queryParam("from", "2026-02-13T09:00:00+08:00").queryParam("workingDays", 1)
                .get("/calendar/deadline").then().statusCode(200)
                // Friday Feb 13; Saturday Feb 14 is a make-up working day
                .body("deadline", equalTo("2026-02-15T00:00:00+08:00"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"days\":[{\"date\":\"2027-01-05\",\"kind\":\"WORKDAY\",\"name\":\"x\"}]}")
                .put("/calendar/2027").then().statusCode(400).body("errors[0].field", equalTo("days[0].date"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"days\":[{\"date\":\"2026-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"}]}")
                .put("/calendar/2027").then().statusCode(400).body("errors[0].field", equalTo("days[0].date"));
        StringBuilder allYear = new StringBuilder("{\"days\":[");
        for (int m = 1; m <= 3; m++) {
            for (int d = 1; d <= 28; d++) {
                allYear.append(m == 1 && d == 1 ? "" : ",").append(String.format("{\"date\":\"2027-%02d-%02d\",\"kind\":\"HOLIDAY\",\"name\":\"假\"}", m, d));
            }
        }
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(allYear.append("]}").toString())
                .put("/calendar/2027").then().statusCode(400).body("errors[0].field", equalTo("days"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"days\":[{\"date\":\"2027-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"},{\"date\":\"2027-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"}]}")
                .put("/calendar/2027").then().statusCode(400).body("errors[0].field", equalTo("days[1].date"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"days\":[{\"date\":\"2027-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"}]}")
                .put("/calendar/2027").then().statusCode(200).body("workingDays", equalTo(260));
        given().auth().oauth2(ADMIN).get("/calendar/2027").then().body("days[0].name", equalTo("元旦"));
    }

    @Test
    void aDeadlineFromADateOutsideTheSaneYearsIsAProblemNamingTheParameter() {
        for (String from : new String[] { "+999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z", "1899-12-31T23:00:00Z" }) {
            given().auth().oauth2(ADMIN).queryParam("from", from).queryParam("workingDays", 3).get("/calendar/deadline").then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        }
    }
}
