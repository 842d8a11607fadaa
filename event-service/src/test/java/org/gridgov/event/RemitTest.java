package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.ADMIN;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.gridgov.event.EventLifecycleTest.dispatch;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Nobody reads or acts outside her remit: Open311 personal fields, duplicates' reporters, grid workers' actions and reports. */
@QuarkusTest
class RemitTest {
    /** two grids of county 350182, side by side */
    static final String GRID_A = "350182401001001";
    static final String GRID_B = "350182402001001";
    static final double LAT = 24.50;
    static final double LON_A = 117.50;
    static final double LON_B = 117.60;
    /** points about 110 m apart inside a grid, so that only the duplicate test makes duplicates */
    static final AtomicInteger SPOT = new AtomicInteger();
    static boolean gridsReady;

    static String token(String user, String role, String claim, String code) {
        return JwtKeys.forTests().token(user, Set.of(role), code == null ? Map.of() : Map.of(claim, code), Duration.ofHours(1));
    }

    static final String WORKER_A = token("remit-worker-a", "grid_worker", "grids", GRID_A);
    static final String WORKER_B = token("remit-worker-b", "grid_worker", "grids", GRID_B);
    static final String WORKER_B2 = token("remit-worker-b2", "grid_worker", "grids", GRID_B);

    @BeforeEach
    void grids() {
        if (gridsReady) {
            return;
        }
        EventLifecycleTest.publishGrid(GRID_A, LON_A, LAT);
        EventLifecycleTest.publishGrid(GRID_B, LON_B, LAT);
        for (String[] g : new String[][] { { GRID_A, String.valueOf(LON_A) }, { GRID_B, String.valueOf(LON_B) } }) {
            double lon = Double.parseDouble(g[1]) + 0.0095;
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"category\":\"other.unclassified\",\"description\":\"probe\",\"location\":{\"latitude\":" + (LAT + 0.0095)
                            + ",\"longitude\":" + lon + "}}")
                    .post("/events").then().statusCode(201).body("gridCode", equalTo(g[0])));
        }
        gridsReady = true;
    }

    /** a point of the grid starting at {@code lon}, not used before */
    static double[] spot(double lon) {
        int n = SPOT.getAndIncrement();
        return new double[] { LAT + 0.001 + (n / 8) * 0.001, lon + 0.001 + (n % 8) * 0.001 };
    }

    static String body(String category, String description, double[] p, String extra) {
        return "{\"category\":\"" + category + "\",\"description\":\"" + description + "\",\"address\":\"" + description + "路1号\","
                + "\"location\":{\"latitude\":" + p[0] + ",\"longitude\":" + p[1] + "}" + extra + "}";
    }

    static io.restassured.response.ValidatableResponse post(String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json).post("/events").then();
    }

    /** accepted (if it waits for 立案) and dispatched */
    static void dispatched(String id) {
        if ("REPORTED".equals(given().auth().oauth2(ADMIN).get("/events/" + id).then().extract().path("status"))) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance")
                    .then().statusCode(200);
        }
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, dispatch(id, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")));
    }

    /** item 8: an operator of another county reads a request through Open311 as the public does */
    @Test
    void open311ShowsPersonalFieldsOnlyToTheReporterAndToStaffOfThePlace() {
        double[] p = spot(LON_A);
        String description = "Open311 隐私 楼道堆物";
        String id = given().auth().oauth2(token("remit-311-resident", "resident", "grids", null)).contentType(ContentType.JSON)
                .body("{\"service_code\":\"environment.garbage\",\"lat\":\"" + p[0] + "\",\"long\":\"" + p[1]
                        + "\",\"address_string\":\"隐私路8号\",\"description\":\"" + description + "\"}")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        given().auth().oauth2(ADMIN).get("/events/" + id).then().body("gridCode", equalTo(GRID_A));

        String elsewhere = token("remit-operator-350199", "operator", "district", "350199");
        String body = given().auth().oauth2(elsewhere).get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0]", not(hasKey("description"))).body("[0]", not(hasKey("address"))).extract().asString();
        assertFalse(body.contains(description) || body.contains("隐私路") || body.contains("remit-311-resident"), body);
        given().auth().oauth2(elsewhere).queryParam("service_request_id", id).get("/open311/v2/requests.json").then().statusCode(200)
                .body("[0]", not(hasKey("description")));
        // staff of the place, and admins, see it
        given().auth().oauth2(token("remit-operator-350182", "operator", "district", "350182")).get("/open311/v2/requests/" + id + ".json")
                .then().statusCode(200).body("[0].description", equalTo(description)).body("[0].address", equalTo("隐私路8号"));
        given().auth().oauth2(ADMIN).get("/open311/v2/requests/" + id).then().body("[0].description", equalTo(description));
        // a grid worker of another grid is the public too
        given().auth().oauth2(WORKER_B).get("/open311/v2/requests/" + id).then().body("[0]", not(hasKey("description")));
    }

    /** item 9: the reporter of a merged duplicate reads the public view and cannot reopen the first report */
    @Test
    void theReporterOfADuplicateReadsThePublicViewAndHerAnswerDoesNotMoveTheCase() {
        String first = "remit-first";
        String firstToken = token(first, "resident", "grids", null);
        String neighbour = token("remit-neighbour", "resident", "grids", null);
        byte[] jpeg = "\u00ff\u00d8\u00ff remit photo".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Object> photo = given().auth().oauth2(firstToken).contentType("image/jpeg").body(jpeg).post("/evidence").then()
                .statusCode(201).extract().path("$");
        String evidence = ",\"evidence\":[{\"url\":\"" + photo.get("url") + "\",\"contentType\":\"image/jpeg\",\"size\":" + photo.get("size")
                + ",\"sha256\":\"" + photo.get("sha256") + "\"}]";
        double[] p = spot(LON_A);
        String a = post(firstToken, body("environment.open-burning", "张家楼下焚烧", p, evidence)).statusCode(201).extract().path("id");
        String b = post(neighbour, body("environment.open-burning", "烟很大", new double[] { p[0] + 0.0001, p[1] }, "")).statusCode(201)
                .body("status", equalTo("MERGED")).body("mergedInto", equalTo(a)).extract().path("id");

        String seen = given().auth().oauth2(neighbour).get("/events/" + a).then().statusCode(200)
                .body("status", equalTo("REPORTED")).body("category", equalTo("environment.open-burning")).body("gridCode", equalTo(GRID_A))
                .body("$", not(hasKey("description"))).body("$", not(hasKey("address"))).body("$", not(hasKey("location")))
                .body("$", not(hasKey("reporterId"))).body("$", not(hasKey("duplicates")))
                .body("timeline.action", hasItem("REPORT")).body("timeline.note", everyItem(nullValue()))
                .body("timeline.actor", everyItem(nullValue())).extract().asString();
        assertFalse(seen.contains("张家") || seen.contains(first) || seen.contains((String) photo.get("url")), seen);
        given().auth().oauth2(neighbour).get((String) photo.get("url")).then().statusCode(404);

        dispatched(a);
        given().auth().oauth2(WORKER_A).contentType(ContentType.JSON).body("{\"note\":\"已扑灭\"}").post("/events/" + a + "/resolution")
                .then().statusCode(200);
        given().auth().oauth2(token("remit-worker-a2", "grid_worker", "grids", GRID_A)).contentType(ContentType.JSON)
                .body("{\"passed\":true}").post("/events/" + a + "/verification").then().statusCode(200);
        // her DISSATISFIED counts on her own report and does not reopen another resident's case
        given().auth().oauth2(neighbour).contentType(ContentType.JSON).body("{\"satisfaction\":\"DISSATISFIED\",\"comment\":\"还在烧\"}")
                .post("/events/" + a + "/follow-up").then().statusCode(200).body("status", equalTo("VERIFIED"))
                .body("$", not(hasKey("description")));
        given().auth().oauth2(neighbour).get("/events/" + b).then().statusCode(200).body("satisfaction", equalTo("DISSATISFIED"))
                .body("timeline.action", hasItem("RATE_AS_DUPLICATE"));
        given().auth().oauth2(ADMIN).get("/events/" + a).then().body("status", equalTo("VERIFIED")).body("satisfaction", nullValue());
        // the case's own reporter moves it
        given().auth().oauth2(firstToken).contentType(ContentType.JSON).body("{\"satisfaction\":\"DISSATISFIED\"}")
                .post("/events/" + a + "/follow-up").then().statusCode(200).body("status", equalTo("REOPENED"));
    }

    /** item 11: a grid worker acts only inside her grids, and the resolver does not verify */
    @Test
    void actionsNeedJurisdictionAndTheResolverDoesNotVerify() {
        // worker A reports a problem in grid B: she reads her report, but it is not hers to handle
        String id = post(WORKER_A, body("road.pothole", "乙网格路面坑洞", spot(LON_B), "")).statusCode(201)
                .body("gridCode", equalTo(GRID_B)).extract().path("id");
        dispatched(id);
        given().auth().oauth2(WORKER_A).get("/events/" + id).then().statusCode(200);
        given().auth().oauth2(WORKER_A).contentType(ContentType.JSON).body("{\"note\":\"已填补\"}").post("/events/" + id + "/resolution")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString(GRID_B));
        given().auth().oauth2(WORKER_B).contentType(ContentType.JSON).body("{\"note\":\"已填补\"}").post("/events/" + id + "/resolution")
                .then().statusCode(200).body("status", equalTo("RESOLVED"));
        given().auth().oauth2(WORKER_A).contentType(ContentType.JSON).body("{\"passed\":true}").post("/events/" + id + "/verification")
                .then().statusCode(403);
        // the resolver does not verify, neither pass nor rework
        given().auth().oauth2(WORKER_B).contentType(ContentType.JSON).body("{\"passed\":true}").post("/events/" + id + "/verification")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("separate"));
        given().auth().oauth2(WORKER_B).contentType(ContentType.JSON).body("{\"passed\":false,\"note\":\"再看看\"}")
                .post("/events/" + id + "/verification").then().statusCode(409);
        given().auth().oauth2(WORKER_B2).contentType(ContentType.JSON).body("{\"passed\":true}").post("/events/" + id + "/verification")
                .then().statusCode(200).body("status", equalTo("VERIFIED"));
    }

    /** item 14: outside her grids a patrol report waits for 立案 and a 即办件 is refused */
    @Test
    void patrolReportsOutsideTheWorkersGridsWaitFor立案AndAreNeverSolvedOnTheSpot() {
        String onSpot = ",\"solvedOnSpot\":{\"note\":\"已当场清除\",\"evidence\":[" + IntakeTest.photo() + "]}";
        post(WORKER_A, body("advertising.illegal-ads", "乙网格小广告", spot(LON_B), onSpot)).statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(GRID_B))
                .body("errors[0].field", equalTo("solvedOnSpot"));
        post(WORKER_A, body("greenery.street-tree", "乙网格树枝折断", spot(LON_B), "")).statusCode(201)
                .body("gridCode", equalTo(GRID_B)).body("channel", equalTo("GRID_PATROL")).body("status", equalTo("REPORTED"))
                .body("timeline.action", equalTo(List.of("REPORT")));
        // inside her grid, as before
        post(WORKER_A, body("greenery.street-tree", "甲网格树枝折断", spot(LON_A), "")).statusCode(201)
                .body("gridCode", equalTo(GRID_A)).body("status", equalTo("ACCEPTED"));
        post(WORKER_A, body("advertising.illegal-ads", "甲网格小广告", spot(LON_A), onSpot)).statusCode(201)
                .body("status", equalTo("CLOSED")).body("itemType", equalTo("IMMEDIATE"));
    }
}
