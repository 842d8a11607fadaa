package org.gridgov.scoring;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.security.PermissionMatrix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Role × endpoint × inside/outside jurisdiction → allowed or denied, from {@code src/test/resources/permissions.csv};
 * an endpoint without a row fails. Inside is the county office of 350182 (district claim), outside the street office
 * of another street (streets claim).
 */
@QuarkusTest
class PermissionMatrixTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-matrix", "admin");
    /** audits what ADMIN records: the recorder of an entry never audits it */
    static final String AUDITOR = JwtKeys.forTests().token("admin-matrix-auditor", "admin");
    static final String GRID = "350182902001001";
    static final String SUBJECT = "GRID:" + GRID;
    static final String OUTSIDE = "350196001001001";
    static final String MONTH = "2022-06";

    static boolean ready;
    static String entry;

    static String bonus(String subject) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(bonusBody(subject)).post("/ledger/entries").then()
                .statusCode(201).extract().path("id");
    }

    static String bonusBody(String subject) {
        return "{\"subject\":\"" + subject + "\",\"rule\":\"manual-bonus@1\",\"points\":2,\"reason\":\"试点工作\","
                + "\"evidence\":[\"https://files.example/e/m.jpg\"],\"occurredAt\":\"2022-06-15T10:00:00+08:00\",\"place\":\"矩阵社区\"}";
    }

    static String approved() {
        String id = bonus(SUBJECT);
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body("{\"decision\":\"APPROVED\",\"entryIds\":[\"" + id + "\"]}")
                .post("/audits/" + MONTH + "/decisions").then().statusCode(200);
        return id;
    }

    static void register(String subject, String body) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).put("/subjects/" + subject).then().statusCode(200);
    }

    @BeforeEach
    void fixtures() {
        if (ready) {
            return;
        }
        ready = true;
        register(SUBJECT, "{\"name\":\"矩阵网格\"}");
        register("USER:mx-user", "{\"homeCode\":\"" + GRID + "\",\"classCode\":\"GRID_WORKER\"}");
        register("USER:mx-homeless", "{}");
        register("USER:matrix-resident", "{}");
        entry = bonus(SUBJECT);
        for (String m : List.of("2021-01", "2021-02", "2021-03")) {
            given().auth().oauth2(ADMIN).post("/audits/" + m + "/lock").then().statusCode(200);
        }
        given().auth().oauth2(ADMIN).post("/rankings/2021-Q1/publish?county=350182").then().statusCode(200);
        // a refused fact of {subject}: from 2033 on an overdue closure costs the grid only with evidence, which it never carries
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"fact\":\"OVERDUE\",\"subjectType\":\"GRID\",\"points\":-1,"
                + "\"requiresEvidence\":true,\"effectiveFrom\":\"2033-01-01T00:00:00+08:00\",\"description\":\"matrix\"}")
                .post("/rules/mx-proven-overdue/versions").then().statusCode(201);
        Fixtures.send(Fixtures.lifecycle(null, org.gridgov.common.contract.EventType.EVENT_CLOSED, java.util.UUID.randomUUID().toString(),
                "FOLLOWED_UP", GRID, "mx-user", "SATISFIED", false, "2033-02-01T02:00:00Z"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("period", "2033-02").queryParam("subject", SUBJECT).get("/ledger/refused-facts").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1)));
    }

    /**
     * Offices: inside the county office of 350182 (district), outside a street office elsewhere (streets). Admins: none is
     * the system administrator, inside the administrator of county 350182, outside the administrator of county 350196.
     */
    static Map<String, Object> claims(java.util.function.BiFunction<String, PermissionMatrix.Scope, Map<String, Object>> places, String role,
            PermissionMatrix.Scope scope) {
        if (role.equals("admin") && scope != PermissionMatrix.Scope.NONE) {
            return Map.of("district", List.of((scope == PermissionMatrix.Scope.INSIDE ? GRID : OUTSIDE).substring(0, 6)));
        }
        if (scope == PermissionMatrix.Scope.OUTSIDE && (role.equals("scorer") || role.equals("supervisor"))) {
            return Map.of("streets", List.of(OUTSIDE.substring(0, 9)));
        }
        return places.apply(role, scope);
    }

    @Test
    void everyEndpointAnswersEveryRoleInsideAndOutsideItsJurisdictionAsTheTableSays() {
        var places = PermissionMatrix.placeClaims(GRID, OUTSIDE, "police", "market");
        PermissionMatrix.fromResource("/permissions.csv")
                .claims((role, scope) -> claims(places, role, scope))
                .var("subject", SUBJECT).var("entry", () -> entry).var("id", () -> entry)
                .var("user", "USER:mx-user").var("homeless", "USER:mx-homeless").var("own", "USER:matrix-resident")
                .var("POST /ledger/entries/{id}/reversal.id", PermissionMatrixTest::approved)
                .var("freshEntry", () -> bonus(SUBJECT))
                .var("period", MONTH).var("POST /audits/{period}/lock.period", "2021-02")
                .var("year", "2022").var("kind", "URBAN").var("quarter", "2021-Q1").var("ruleId", "manual-bonus").var("version", "1")
                .body("POST /ledger/entries", bonusBody(SUBJECT))
                .body("POST /ledger/entries/{id}/reversal", "{\"reason\":\"重复记录\"}")
                .body("POST /audits/{period}/decisions", "{\"decision\":\"APPROVED\",\"entryIds\":[\"{freshEntry}\"]}")
                .body("POST /rules/{ruleId}/versions", "{}")
                .body("PUT /subjects/{subject}", "{\"name\":\"矩阵网格\"}")
                .body("PUT /indicators/{kind}", "{\"weights\":{}}")
                .verify();
    }
}
