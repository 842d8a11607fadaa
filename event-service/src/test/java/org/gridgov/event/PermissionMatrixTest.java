package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
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
    static final String GRID = "350182701001001";
    static final String OUTSIDE = "350199001001001";
    static final AtomicInteger SEQ = new AtomicInteger();

    static boolean ready;
    static String event;
    static String writable;
    static String call;
    static String evidence;

    /** a report by the matrix's resident at a point of the fixture grid, dispatched to the police */
    static String dispatchedToPolice(double lon, double lat, String evidence) {
        String id = given().auth().oauth2(JwtKeys.forTests().token("matrix-resident", "resident")).contentType(ContentType.JSON)
                .body("{\"category\":\"road.pothole\",\"description\":\"矩阵路面破损\",\"location\":{\"latitude\":" + lat
                        + ",\"longitude\":" + lon + "}" + (evidence == null ? "" : ",\"evidence\":[" + evidence + "]") + "}")
                .post("/events").then().statusCode(201).body("gridCode", equalTo(GRID)).extract().path("id");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance")
                .then().statusCode(200);
        TopicWriter.send(EventLifecycleTest.bootstrap(), Topics.ESCALATION_TASKS, id, Published.fromEscalation(
                org.gridgov.common.contract.EventType.TASK_DISPATCHED, new org.gridgov.common.contract.payload.TaskDispatchedV1(
                        java.util.UUID.randomUUID(), java.util.UUID.fromString(id), "road.pothole", null, "DEPT:police",
                        org.gridgov.common.contract.Tier.STREET, "test@1", "matrix", java.time.OffsetDateTime.now(),
                        java.time.OffsetDateTime.now().plusDays(3), null, null, null)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/events/" + id).then()
                .body("handlerUnit", equalTo("DEPT:police")));
        return id;
    }

    @BeforeEach
    void fixtures() {
        if (ready) {
            return;
        }
        // the evidence row's body is text sent as image/png
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs("image/png", ContentType.TEXT));
        EventLifecycleTest.publishGrid(GRID, 118.90, 26.90);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"category\":\"other.unclassified\",\"description\":\"probe\",\"location\":{\"latitude\":26.909,\"longitude\":118.909}}")
                .post("/events").then().statusCode(201).body("gridCode", equalTo(GRID)));
        // the reporter attaches a photo she uploaded herself
        String photo = given().auth().oauth2(JwtKeys.forTests().token("matrix-resident", "resident")).contentType("image/png").body(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A })
                .post("/evidence").then().statusCode(201).extract().asString();
        event = dispatchedToPolice(118.901, 26.901, photo);
        writable = dispatchedToPolice(118.904, 26.904, null);
        call = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"category\":\"public-order.noise\",\"description\":\"矩阵噪音\",\"location\":{\"latitude\":26.907,\"longitude\":118.907},"
                        + "\"caller\":{\"name\":\"李先生\",\"phone\":\"13812345678\"}}")
                .post("/events").then().statusCode(201).body("gridCode", equalTo(GRID)).extract().path("id");
        evidence = io.restassured.path.json.JsonPath.from(photo).getString("url");
        evidence = evidence.substring(evidence.lastIndexOf('/') + 1);
        // a category of the fixture's county (350182), which its administrator changes and no other county's
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(countyCategory(COUNTY_CODE, "350182")).put("/categories/" + COUNTY_KEY)
                .then().statusCode(200);
        ready = true;
    }

    static final String COUNTY_KEY = "other.matrix-county";
    static final String COUNTY_CODE = "9949";
    /** the code the row's PUT /categories body carries: the one of the key its path names */
    static volatile String putCode = "9950";

    static String countyCategory(String code, String county) {
        return "{\"kind\":\"EVENT\",\"code\":\"" + code + "\",\"nameZh\":\"矩阵县级\",\"nameEn\":\"Matrix county\","
                + "\"parentKey\":\"other\",\"county\":\"" + county + "\"}";
    }

    /**
     * The usual claims, and an administrator with a scope is a county's administrator: inside of the fixture's county
     * 350182, outside of 350199.
     */
    static java.util.function.BiFunction<String, PermissionMatrix.Scope, java.util.Map<String, Object>> claims() {
        var places = PermissionMatrix.placeClaims(GRID, OUTSIDE, "police", "market");
        return (role, scope) -> role.equals("admin") && scope != PermissionMatrix.Scope.NONE
                ? java.util.Map.of("district", java.util.List.of((scope == PermissionMatrix.Scope.INSIDE ? GRID : OUTSIDE).substring(0, 6)))
                : places.apply(role, scope);
    }

    static String category(int n) {
        return "{\"kind\":\"EVENT\",\"code\":\"99" + String.format("%02d", 50 + n % 49) + "\",\"nameZh\":\"矩阵\",\"nameEn\":\"Matrix\","
                + "\"parentKey\":\"other\"}";
    }

    @Test
    void everyEndpointAnswersEveryRoleInsideAndOutsideItsJurisdictionAsTheTableSays() {
        PermissionMatrix.fromResource("/permissions.csv")
                .claims(claims())
                .var("grid", GRID).var("event", () -> event).var("id", () -> event)
                .var("POST /events/{id}/acceptance.id", () -> writable).var("POST /events/{id}/resolution.id", () -> writable)
                .var("POST /events/{id}/verification.id", () -> writable).var("POST /events/{id}/follow-up.id", () -> writable)
                .var("POST /events/{id}/material/request.id", () -> writable).var("POST /events/{id}/material.id", () -> writable)
                .var("POST /events/{id}/parking.id", () -> writable).var("POST /events/{id}/parking/decision.id", () -> writable)
                .var("POST /events/{id}/parking/end.id", () -> writable)
                .var("GET /events/{id}/caller.id", () -> call)
                .var("evidence.id", () -> evidence)
                .var("key", "road.pothole")
                .var("PUT /categories/{key}.key", () -> {
                    putCode = "9950";
                    return "other.matrix";
                })
                .var("countyKey", () -> {
                    putCode = COUNTY_CODE;
                    return COUNTY_KEY;
                })
                .var("putCode", () -> putCode)
                .var("countyFreshKey", () -> {
                    int n = SEQ.incrementAndGet();
                    String key = "other.matrix-county-" + n;
                    given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(countyCategory("99" + (10 + n % 30), "350182"))
                            .put("/categories/" + key).then().statusCode(200);
                    return key;
                })
                .var("DELETE /categories/{key}.key", () -> {
                    int n = SEQ.incrementAndGet();
                    String key = "other.matrix-" + n;
                    given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(category(n)).put("/categories/" + key)
                            .then().statusCode(200);
                    return key;
                })
                .var("fresh", () -> String.valueOf(SEQ.incrementAndGet()))
                .body("POST /events", "{\"category\":\"road.pothole\",\"description\":\"矩阵 {fresh}\",\"address\":\"矩阵路{fresh}号\"}")
                .body("POST /events/{id}/acceptance", "{\"decision\":\"ACCEPT\"}")
                .body("POST /events/{id}/resolution", "{\"note\":\"已处理\"}")
                .body("POST /events/{id}/verification", "{\"passed\":true}")
                .body("POST /events/{id}/follow-up", "{\"satisfaction\":\"SATISFIED\"}")
                .body("POST /events/{id}/follow-up-attempts", "{\"outcome\":\"NO_ANSWER\"}")
                .body("POST /events/{id}/material/request", "{\"missing\":\"身份证复印件\"}")
                .body("POST /events/{id}/material", "{\"note\":\"已补齐\"}")
                .body("POST /events/{id}/parking", "{\"reason\":\"需要统一规划\",\"reviewOn\":\"" + java.time.LocalDate.now().plusDays(30) + "\"}")
                .body("POST /events/{id}/parking/decision", "{\"approved\":false}")
                .body("POST /events/{id}/parking/end", "{}")
                .body("PUT /categories/{key}", category(0).replace("9950", "{putCode}"))
                .body("POST /evidence", "image/png", "\u0089PNG\r\n\u001a\n")
                .body("POST /admin/partners", "{\"code\":\"matrix-{fresh}\",\"name\":\"矩阵伙伴\"}")
                .body("POST /admin/open311/clients", "{\"code\":\"matrix-{fresh}\",\"name\":\"矩阵应用\"}")
                .body("PUT /admin/open311/clients/{id}/rate-limit", "{\"rateLimitPerMinute\":10}")
                .var("GET /admin/open311/clients/{id}.id", () -> java.util.UUID.randomUUID().toString())
                .var("PUT /admin/open311/clients/{id}/rate-limit.id", () -> java.util.UUID.randomUUID().toString())
                .var("DELETE /admin/open311/clients/{id}.id", () -> java.util.UUID.randomUUID().toString())
                .var("format", ".json").var("code", "road.pothole")
                .body("POST /open311/v2/requests{format}", "application/x-www-form-urlencoded",
                        "service_code=road.pothole&description=open311-{fresh}&address_string=matrix-{fresh}&attribute%5Bsize%5D=small")
                .verify();
    }
}
