package org.gridgov.systemtest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridgov.testkit.suite.Suite;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.Test;

/**
 * Every service verifies tokens itself: expired, not yet valid, wrong issuer, wrong audience,
 * bad signature, unsigned and missing tokens get 401; a valid token with the wrong role gets 403.
 */
class TokenSystemTest {

    record Endpoint(Service service, String method, String path, String body) {
    }

    static final List<Endpoint> PROTECTED = List.of(
            new Endpoint(Service.GRID, "POST", "/grids", "{\"code\":\"350182\",\"name\":\"x\",\"level\":\"DISTRICT\"}"),
            new Endpoint(Service.EVENT, "POST", "/events/00000000-0000-0000-0000-000000000000/resolution", "{\"note\":\"x\"}"),
            new Endpoint(Service.ESCALATION, "GET", "/tasks", null),
            new Endpoint(Service.SCORING, "GET", "/ledger", null));

    static int call(Suite suite, Endpoint e, String token) {
        var req = given().baseUri(suite.url(e.service())).contentType("application/json");
        if (token != null) {
            req = req.header("Authorization", "Bearer " + token);
        }
        if (e.body() != null) {
            req = req.body(e.body());
        }
        return e.method().equals("POST") ? req.post(e.path()).statusCode() : req.get(e.path()).statusCode();
    }

    @Test
    void badTokensAre401AndTheWrongRoleIs403OnEveryService() {
        Suite suite = SystemSuite.get();
        Map<String, String> bad = suite.keys().badTokens("resident-x", "admin");
        String resident = SystemSuite.token("resident-x", "resident");
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : PROTECTED) {
            for (Map.Entry<String, String> t : bad.entrySet()) {
                int status = call(suite, e, t.getValue());
                if (status != 401) {
                    wrong.add(e.service().module + " " + e.path() + " with " + t.getKey() + " token: " + status);
                }
            }
            int missing = call(suite, e, null);
            if (missing != 401) {
                wrong.add(e.service().module + " " + e.path() + " without a token: " + missing);
            }
            int role = call(suite, e, resident);
            if (role != 403) {
                wrong.add(e.service().module + " " + e.path() + " as a resident: " + role);
            }
        }
        assertEquals(List.of(), wrong);
    }
}
