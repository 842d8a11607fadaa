package org.gridgov.console;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Outside the dev, local and test profiles the local sign-in page does not exist. */
@QuarkusTest
@TestProfile(LocalSignInRefusedTest.Production.class)
class LocalSignInRefusedTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // no OIDC provider in this test: its tenant is off, the local sign-in must still be refused
            return Map.of("quarkus.oidc.tenant-enabled", "false", "quarkus.http.test-port", "0");
        }
    }

    @Test
    void theLocalSignInPageIsRefused() {
        given().get("/sign-in/local").then().statusCode(404);
        given().formParam("user", "admin").post("/sign-in/local").then().statusCode(404);
        // a cookie set by hand is not a sign-in either
        given().cookie("gridgov_token", PartnerServices.token("admin", "\"admin\"", "")).get("/api/me").then().statusCode(401);
    }
}
