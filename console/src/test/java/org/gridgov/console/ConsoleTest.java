package org.gridgov.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The local sign-in and the back end for the front end, against a real HTTP server standing in for a service. */
@QuarkusTest
@QuarkusTestResource(PartnerServices.class)
class ConsoleTest {

    @BeforeEach
    void clear() {
        PartnerServices.RECEIVED.clear();
    }

    private static String signIn(String user) {
        return given().redirects().follow(false).formParam("user", user).post("/sign-in/local").then().statusCode(303)
                .extract().cookie("gridgov_token");
    }

    @Test
    void theLocalSignInPageListsTheDemoUsersAndSignsOneIn() {
        given().get("/sign-in/local").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("worker-1")).body(containsString("网格员")).body(containsString("operator-1"));
        String cookie = signIn("worker-1");
        given().cookie("gridgov_token", cookie).get("/api/me").then().statusCode(200).body("user", equalTo("worker-1"))
                .body("roles", hasItem("grid_worker")).body("claims.grids", hasItem("350182001001001"));
        // an unknown user is not signed in
        given().redirects().follow(false).formParam("user", "nobody").post("/sign-in/local").then().statusCode(404);
    }

    @Test
    void withoutSignInThereIsNoUserAndCallsGoWithoutToken() {
        given().get("/api/me").then().statusCode(401).contentType(containsString("application/problem+json"));
        // the service decides: no token, its 401 comes back as it is
        given().get("/api/event/events").then().statusCode(401);
        assertEquals("", PartnerServices.RECEIVED.get(0).get("authorization"));
    }

    @Test
    void aCallIsForwardedWithTheSignedInUsersTokenAndTheAnswerComesBackAsItIs() {
        String cookie = signIn("operator-1");
        given().cookie("gridgov_token", cookie).get("/api/event/events?status=REPORTED&limit=5").then().statusCode(200)
                .header("X-Next-Cursor", "c-2").body("note", equalTo("已受理"));
        Map<String, String> got = PartnerServices.RECEIVED.get(0);
        assertEquals("GET", got.get("method"));
        assertEquals("/events?status=REPORTED&limit=5", got.get("uri"));
        assertEquals("Bearer " + cookie, got.get("authorization"));

        given().cookie("gridgov_token", cookie).contentType(ContentType.JSON).header("Idempotency-Key", "k-1")
                .body("{\"decision\":\"ACCEPT\"}").post("/api/event/events/e-1/acceptance").then().statusCode(201);
        got = PartnerServices.RECEIVED.get(1);
        assertEquals("/events/e-1/acceptance", got.get("uri"));
        assertEquals("{\"decision\":\"ACCEPT\"}", got.get("body"));
        assertEquals("k-1", got.get("idempotencyKey"));
    }

    @Test
    void onlyTheFourServicesAreReachable() {
        given().get("/api/other/x").then().statusCode(404);
        given().get("/api/event/a/../../q/metrics").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)));
    }

    @Test
    void thePublicPagesAndTheSettingsNeedNoSignIn() {
        given().get("/board.html").then().statusCode(200).body(containsString("公示板"));
        given().get("/settings.json").then().statusCode(200).body("baseMapDatum", equalTo("WGS84"));
        given().get("/webjars/leaflet/1.9.4/dist/leaflet.js").then().statusCode(200);
    }
}
