package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import java.util.Set;

import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A county's administrator (admin with a district claim) is refused the deployment-wide admin endpoints by the common
 * gate, with a problem+json; the system administrator is not.
 */
@QuarkusTest
class CountyAdminGateTest {
    static final String SYSTEM = JwtKeys.forTests().token("admin-gate", "admin");
    static final String COUNTY = JwtKeys.forTests().token("county-admin-gate", Set.of("admin"), Map.of("district", "350182"));

    @Test
    void theDeploymentWidePiiAuditIsTheSystemAdministratorsOnly() {
        given().auth().oauth2(SYSTEM).get("/audit/pii").then().statusCode(200);
        given().auth().oauth2(COUNTY).get("/audit/pii").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("system administrator"));
    }
}
