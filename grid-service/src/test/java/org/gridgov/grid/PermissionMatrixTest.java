package org.gridgov.grid;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.security.PermissionMatrix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Role × endpoint × inside/outside jurisdiction → allowed or denied, from {@code src/test/resources/permissions.csv};
 * an endpoint without a row fails.
 */
@QuarkusTest
class PermissionMatrixTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-matrix", "admin");
    static final String STREET = "350182801";
    static final String COMMUNITY = STREET + "001";
    static final String GRID1 = COMMUNITY + "000";
    static final String GRID = COMMUNITY + "001";
    static final String THEMATIC = COMMUNITY + "950";
    static final String OUTSIDE = "350199001001001";
    static final AtomicInteger SEQ = new AtomicInteger();

    static boolean ready;
    static String household;
    static String visit;
    static String photo;
    static String member;
    static final String MEMBER = "{\"name\":\"陈小华\",\"relation\":\"CHILD\"}";

    static String post(String path, String body, int... ok) {
        var r = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post(path);
        if (java.util.Arrays.stream(ok).noneMatch(s -> s == r.statusCode())) {
            throw new AssertionError(path + " " + body + ": " + r.statusCode() + " " + r.asString());
        }
        return r.asString();
    }

    @BeforeEach
    void fixtures() {
        if (ready) {
            return;
        }
        ready = true;
        GridResourceTest.district("350182");
        post("/grids", "{\"code\":\"" + STREET + "\",\"name\":\"矩阵街道\",\"level\":\"STREET\",\"parentCode\":\"350182\"}", 201);
        post("/grids", "{\"code\":\"" + COMMUNITY + "\",\"name\":\"矩阵社区\",\"level\":\"COMMUNITY\",\"parentCode\":\"" + STREET + "\"}", 201);
        post("/grids", "{\"code\":\"" + GRID1 + "\",\"name\":\"矩阵一级网格\",\"level\":\"GRID1\",\"parentCode\":\"" + COMMUNITY + "\"}", 201);
        post("/grids", "{\"code\":\"" + GRID + "\",\"name\":\"矩阵网格\",\"level\":\"GRID\",\"parentCode\":\"" + GRID1 + "\",\"boundary\":"
                + GridResourceTest.square(118.90, 26.90, 0.01) + "}", 201);
        post("/grids", thematic(THEMATIC), 201);
        post("/people", "{\"id\":\"mx-worker\",\"name\":\"王丽\",\"role\":\"GRID_WORKER\",\"phone\":\"13900000071\",\"gridCodes\":[\"" + GRID + "\"]}", 201);
        post("/people", "{\"id\":\"mx-leader\",\"name\":\"陈秀英\",\"role\":\"GRID_LEADER\",\"gridCodes\":[\"" + GRID1 + "\"]}", 201);
        post("/people", "{\"id\":\"mx-cadre\",\"name\":\"吴建华\",\"role\":\"CADRE\",\"cadreClass\":\"C1\",\"gridCodes\":[\"" + GRID + "\"]}", 201);
        post("/people", "{\"id\":\"mx-vol\",\"name\":\"志愿者\",\"role\":\"VOLUNTEER\",\"gridCodes\":[\"" + GRID + "\"]}", 201);
        post("/buildings", "{\"code\":\"" + GRID + "001\",\"name\":\"1号楼\",\"address\":\"矩阵路1号\"}", 201);
        household = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(householdBody("MX-00"))
                .post("/households").then().statusCode(201).extract().path("id");
        String worker = JwtKeys.forTests().token("mx-worker", Set.of("grid_worker"), Map.of("grids", List.of(GRID)));
        visit = given().auth().oauth2(worker).contentType(ContentType.JSON).body("{\"householdId\":\"" + household + "\",\"notes\":\"走访\"}")
                .post("/visits").then().statusCode(201).extract().path("id");
        photo = given().auth().oauth2(worker).contentType("image/png")
                .body(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }).post("/visits/" + visit + "/photos")
                .then().statusCode(201).extract().path("id");
        member = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(MEMBER).post("/households/" + household + "/members")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"thematicGrids\":[\"" + THEMATIC + "\"]}")
                .patch("/households/" + household).then().statusCode(200);
    }

    /** a fresh volunteer of the fixture grid; her id */
    static String volunteer(String prefix) {
        String id = prefix + SEQ.incrementAndGet();
        post("/people", "{\"id\":\"" + id + "\",\"name\":\"志愿者\",\"role\":\"VOLUNTEER\",\"gridCodes\":[\"" + GRID + "\"]}", 201);
        return id;
    }

    static String thematic(String code) {
        return "{\"code\":\"" + code + "\",\"name\":\"专题网格\",\"level\":\"GRID\",\"kind\":\"THEMATIC\",\"theme\":\"AGE_GROUP\","
                + "\"parentCode\":\"" + GRID1 + "\"}";
    }

    /** the usual claims; an administrator with a scope is a county's: inside of 350182 (the fixtures'), outside of 350199 */
    static java.util.function.BiFunction<String, org.gridgov.testkit.security.PermissionMatrix.Scope, java.util.Map<String, Object>> claims() {
        var places = org.gridgov.testkit.security.PermissionMatrix.placeClaims(GRID, OUTSIDE, "police", "market");
        return (role, scope) -> role.equals("admin") && scope != org.gridgov.testkit.security.PermissionMatrix.Scope.NONE
                ? java.util.Map.of("district", java.util.List.of((scope == org.gridgov.testkit.security.PermissionMatrix.Scope.INSIDE ? GRID : OUTSIDE)
                        .substring(0, 6)))
                : places.apply(role, scope);
    }

    static String householdBody(String code) {
        return "{\"code\":\"" + code + "\",\"gridCode\":\"" + GRID + "\",\"buildingCode\":\"" + GRID + "001\",\"address\":\"矩阵路1号101\","
                + "\"headName\":\"陈建国\",\"headPhone\":\"13700000071\",\"memberCount\":2,\"contactPersonId\":\"mx-cadre\"}";
    }

    @Test
    void everyEndpointAnswersEveryRoleInsideAndOutsideItsJurisdictionAsTheTableSays() {
        io.restassured.config.RestAssuredConfig before = io.restassured.RestAssured.config;
        // the table's bodies are text: a photo row sends text declared as image/png
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs("image/png", ContentType.TEXT));
        try {
            matrix();
        } finally {
            io.restassured.RestAssured.config = before;
        }
    }

    void matrix() {
        PermissionMatrix.fromResource("/permissions.csv")
                .claims(claims())
                .subject("grid_worker", "mx-worker").subject("grid_leader", "mx-leader").subject("cadre", "mx-cadre")
                .var("grid", GRID).var("grid1", GRID1).var("code", GRID).var("building", GRID + "001")
                .var("household", () -> household).var("id", () -> household).var("personId", "mx-cadre")
                .var("people.id", "mx-worker").var("PUT /people/{id}/grids.id", "mx-vol").var("coverage.id", "mx-cadre")
                .var("PUT /grids/{code}.code", THEMATIC)
                .var("POST /grids/{code}/retirement.code", () -> {
                    String code = COMMUNITY + (900 + SEQ.incrementAndGet() % 50);
                    post("/grids", thematic(code), 201, 400);
                    return code;
                })
                .var("visits.id", () -> visit).var("photoId", () -> photo).var("memberId", () -> member)
                .var("GET /grids/{code}/members.code", THEMATIC).var("GET /coverage/areas/{code}.code", COMMUNITY)
                .var("POST /households/{id}/move-out.id", () -> post("/households", householdBody("MX-out" + SEQ.incrementAndGet()), 201)
                        .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
                .var("DELETE /households/{id}/members/{memberId}.memberId", () -> post("/households/" + household + "/members", MEMBER, 201)
                        .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
                .var("POST /people/{id}/deactivation.id", () -> volunteer("mx-gone"))
                .var("POST /people/{id}/reactivation.id", () -> {
                    String id = volunteer("mx-back");
                    post("/people/" + id + "/deactivation", "{}", 200);
                    return id;
                })
                .var("fresh", () -> "mx" + SEQ.incrementAndGet())
                .var("freshThematic", () -> COMMUNITY + (800 + SEQ.incrementAndGet() % 100))
                .var("freshBuilding", () -> GRID + String.format("%03d", 100 + SEQ.incrementAndGet()))
                .body("POST /grids", thematic("{freshThematic}"))
                .body("PUT /grids/{code}", thematic(THEMATIC).replace("专题网格", "银发网格"))
                .body("POST /grids/{code}/retirement", "{}")
                .body("POST /grids/reorganizations", "{}")
                .body("POST /buildings", "{\"code\":\"{freshBuilding}\",\"name\":\"新楼\",\"address\":\"矩阵路9号\"}")
                .body("POST /households", householdBody("MX-{fresh}"))
                .body("PUT /households/{id}/contact", "{\"personId\":\"mx-cadre\"}")
                .body("POST /imports/grids", "application/geo+json", "{\"type\":\"FeatureCollection\",\"features\":[]}")
                .body("POST /imports/households", "text/csv", "code\n")
                .body("POST /people", "{\"id\":\"{fresh}\",\"name\":\"新人\",\"role\":\"VOLUNTEER\",\"gridCodes\":[\"" + GRID + "\"]}")
                .body("PUT /people/{id}/grids", "[\"" + GRID + "\"]")
                .body("PATCH /households/{id}", "{\"focusTags\":[\"POOR\"]}")
                .body("POST /households/{id}/move-out", "{\"note\":\"迁出\"}")
                .body("POST /households/{id}/members", MEMBER)
                .body("PUT /households/{id}/members/{memberId}", "{\"name\":\"陈小华\",\"relation\":\"GRANDCHILD\"}")
                .body("PATCH /people/{id}", "{\"phone\":\"13900000099\"}")
                .body("POST /people/{id}/deactivation", "{\"reason\":\"调离\"}")
                .body("POST /visits/{id}/photos", "image/png", "not a png")
                .body("POST /visits", "{\"householdId\":\"{household}\",\"notes\":\"再访\"}")
                .verify();
    }
}
