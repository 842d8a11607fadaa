package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.ADMIN;
import static org.gridgov.event.EventLifecycleTest.OPERATOR;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.gridgov.event.EventLifecycleTest.dispatch;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/** An Open311 GeoReport v2 client against the categories and the event lifecycle. */
@QuarkusTest
class Open311Test {
    static final String REPORTER = JwtKeys.forTests().token("open311-resident", "resident");
    static final String STRANGER = JwtKeys.forTests().token("open311-stranger", "resident");
    static final String BASE = "/open311/v2";
    /** Open311 clients post forms; REST Assured would encode them as ISO-8859-1 unless told */
    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    /** spreads reports about 200 m apart, so that only the duplicate test makes duplicates */
    static final AtomicInteger SPREAD = new AtomicInteger();

    /** non-integer JSON numbers as doubles, so that coordinates compare exactly */
    static RequestSpecification client() {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    /** Posts a form-encoded request as an Open311 client does; returns the service_request_id. */
    static String post(String token, String serviceCode, double lat, double lon, String description) {
        return client().auth().oauth2(token).contentType(FORM)
                .formParam("service_code", serviceCode).formParam("lat", lat).formParam("long", lon)
                .formParam("description", description)
                .post(BASE + "/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
    }

    /** The fields an Open311 error list names: each description starts with its field. */
    static List<String> fields(io.restassured.response.ValidatableResponse r) {
        return r.extract().jsonPath().getList("description", String.class).stream().map(d -> d.substring(0, d.indexOf(':'))).toList();
    }

    static double[] spread() {
        int n = SPREAD.getAndIncrement();
        return new double[] { 30.61 + n * 0.002, 104.01 };
    }

    @Test
    void servicesAreTheReportableCategories() {
        client().get(BASE + "/services.json").then().statusCode(200).contentType(ContentType.JSON)
                .body("find { it.service_code == 'environment.garbage' }.service_name", equalTo("暴露垃圾"))
                .body("find { it.service_code == 'environment.garbage' }.description", equalTo("Exposed garbage"))
                .body("find { it.service_code == 'environment.garbage' }.group", equalTo("市容环境"))
                .body("find { it.service_code == 'environment.garbage' }.metadata", equalTo(false))
                .body("find { it.service_code == 'environment.garbage' }.type", equalTo("realtime"))
                .body("find { it.service_code == 'environment.garbage' }.keywords", containsString("0101"))
                .body("find { it.service_code == 'road.pothole' }.group", equalTo("道路交通"))
                // big classes are not reportable, so not services
                .body("service_code", not(hasItem("environment")))
                .body("service_code", not(hasItem("road")))
                .body("type", everyItem(equalTo("realtime")));
        // the suffix is optional
        client().get(BASE + "/services").then().statusCode(200).body("service_code", hasItem("emergency.fire"));

        client().get(BASE + "/services/environment.garbage.json").then().statusCode(200)
                .body("service_code", equalTo("environment.garbage")).body("attributes", hasSize(0));
        client().get(BASE + "/services/road.pothole").then().statusCode(200).body("service_code", equalTo("road.pothole"));
        client().get(BASE + "/services/environment.unicorns.json").then().statusCode(404).contentType(ContentType.JSON)
                .body("[0].code", equalTo(404)).body("[0].description", containsString("environment.unicorns"));
        client().get(BASE + "/services/environment.json").then().statusCode(404);

        // XML too, GeoReport v2's first format
        client().get(BASE + "/services.xml").then().statusCode(200).contentType(ContentType.XML)
                .body("services.service.find { it.service_code == 'environment.garbage' }.service_name", equalTo("暴露垃圾"));
        client().get(BASE + "/requests.xml").then().statusCode(200).contentType(ContentType.XML);
        client().get(BASE + "/services.csv").then().statusCode(404).body("[0].description", containsString(".csv"));
    }

    @Test
    void aClientPostsARequestAndReadsItBackWithoutPersonalDataUnlessItIsTheReporter() {
        String description = "Open311: 小区门口垃圾两天没人收";
        String address = "锦江区红星路88号";
        String id = client().auth().oauth2(REPORTER).contentType(FORM)
                .formParam("service_code", "environment.garbage")
                .formParam("lat", "31.23456").formParam("long", "121.47589")
                .formParam("address_string", address).formParam("description", description)
                .formParam("email", "li.lei@example.com").formParam("phone", "13912345678")
                .formParam("first_name", "Lei").formParam("last_name", "Li").formParam("device_id", "dev-42")
                .formParam("account_id", "acct-42").formParam("jurisdiction_id", "gridgov.local")
                .post(BASE + "/requests.json").then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", containsString("/open311/v2/requests/"))
                .body("$", hasSize(1))
                .body("[0]", hasKey("account_id")).body("[0].account_id", nullValue())
                .body("[0].service_notice", containsString("立案"))
                .extract().path("[0].service_request_id");
        UUID.fromString(id);

        // public: no description, address or reporter; the point rounded to 3 decimals
        String publicBody = client().get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].service_request_id", equalTo(id))
                .body("[0].status", equalTo("open"))
                .body("[0].service_code", equalTo("environment.garbage"))
                .body("[0].service_name", equalTo("暴露垃圾"))
                .body("[0].lat", equalTo(31.235))
                .body("[0].long", equalTo(121.476))
                .body("[0].requested_datetime", notNullValue())
                .body("[0].updated_datetime", notNullValue())
                .body("[0]", not(hasKey("description")))
                .body("[0]", not(hasKey("address")))
                .extract().asString();
        for (String secret : List.of(description, address, "open311-resident", "31.23456", "121.47589", "li.lei@example.com",
                "13912345678", "acct-42", "dev-42")) {
            assertFalse(publicBody.contains(secret), "public read leaks " + secret + ": " + publicBody);
        }
        // another resident is the public
        client().auth().oauth2(STRANGER).get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .body("[0]", not(hasKey("description"))).body("[0]", not(hasKey("address")))
                .body("[0].lat", equalTo(31.235));

        // the reporter (and operators) see what was reported
        client().auth().oauth2(REPORTER).get(BASE + "/requests/" + id).then().statusCode(200)
                .body("[0].description", equalTo(description))
                .body("[0].address", equalTo(address))
                .body("[0].lat", equalTo(31.23456))
                .body("[0].long", equalTo(121.47589));
        client().auth().oauth2(OPERATOR).get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .body("[0].description", equalTo(description));

        // in the list, newest first, with the same rules
        String list = client().queryParam("service_code", "environment.garbage").get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(id))
                .body("find { it.service_request_id == '" + id + "' }.lat", equalTo(31.235))
                .body("find { it.service_request_id == '" + id + "' }", not(hasKey("description")))
                .body("service_code", everyItem(equalTo("environment.garbage")))
                .extract().asString();
        assertFalse(list.contains(description) || list.contains(address), list);
        client().auth().oauth2(REPORTER).queryParam("service_request_id", id + "," + UUID.randomUUID()).get(BASE + "/requests")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].description", equalTo(description));
        client().queryParam("service_code", "road.pothole").get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", not(hasItem(id)));
        String today = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString();
        client().queryParam("start_date", today).queryParam("status", "open").get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(id));
        client().queryParam("end_date", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString()).get(BASE + "/requests.json")
                .then().statusCode(200).body("service_request_id", not(hasItem(id)));

        // it is an event like any other: channel OPEN311, reported by the token's user, no contact data kept, waiting for 立案
        String event = given().auth().oauth2(ADMIN).get("/events/" + id).then().statusCode(200)
                .body("channel", equalTo("OPEN311")).body("reporterId", equalTo("open311-resident"))
                .body("status", equalTo("REPORTED")).body("category", equalTo("environment.garbage"))
                .body("description", equalTo(description)).body("address", equalTo(address))
                .extract().asString();
        for (String contact : List.of("li.lei@example.com", "13912345678", "Lei", "acct-42", "dev-42")) {
            assertFalse(event.contains(contact), "kept " + contact + ": " + event);
        }
    }

    @Test
    void jsonBodiesMediaUrlsAndRetriesAreAccepted() {
        double[] p = spread();
        String body = "{\"service_code\":\"utilities.street-light\",\"lat\":" + p[0] + ",\"long\":" + p[1]
                + ",\"description\":\"路灯不亮\",\"media_url\":\"https://photos.example/light.jpg\",\"email\":\"x@example.com\"}";
        String first = client().auth().oauth2(REPORTER).contentType(ContentType.JSON).header("Idempotency-Key", "o311-retry-1").body(body)
                .post(BASE + "/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        String again = client().auth().oauth2(REPORTER).contentType(ContentType.JSON).header("Idempotency-Key", "o311-retry-1").body(body)
                .post(BASE + "/requests.json").then().statusCode(200).extract().path("[0].service_request_id");
        assertEquals(first, again);
        client().auth().oauth2(REPORTER).contentType(ContentType.JSON).header("Idempotency-Key", "o311-retry-1")
                .body(body.replace("路灯不亮", "路灯闪烁")).post(BASE + "/requests.json").then().statusCode(422)
                .body("[0].description", startsWith("Idempotency-Key:"));
        // the medium is a link in the description, not evidence
        client().auth().oauth2(REPORTER).get(BASE + "/requests/" + first + ".json").then().statusCode(200)
                .body("[0].description", containsString("路灯不亮"))
                .body("[0].description", containsString("https://photos.example/light.jpg"))
                .body("[0].lat", equalTo(p[0]));
        given().auth().oauth2(ADMIN).get("/events/" + first).then().statusCode(200)
                .body("timeline[0].evidence", nullValue()).body("description", not(containsString("x@example.com")));

        // a form without a charset (curl --data-urlencode) is read as UTF-8
        double[] q = spread();
        String plain = client().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false).defaultContentCharset("UTF-8")))
                .auth().oauth2(REPORTER).contentType("application/x-www-form-urlencoded")
                .formParam("service_code", "greenery.street-tree").formParam("lat", q[0]).formParam("long", q[1])
                .formParam("description", "行道树倒伏").post(BASE + "/requests").then().statusCode(201)
                .extract().path("[0].service_request_id");
        client().auth().oauth2(REPORTER).get(BASE + "/requests/" + plain + ".json").then().statusCode(200)
                .body("[0].description", equalTo("行道树倒伏")).body("[0].service_name", equalTo("行道树"));
    }

    @Test
    void badInputNamesTheOpen311Field() {
        String[][] cases = {
                // service_code, lat, long, address_string, description, the field named
                { null, "31.1", "121.1", null, "x", "service_code" },
                { "environment.unicorns", "31.1", "121.1", null, "x", "service_code" },
                { "environment", "31.1", "121.1", null, "x", "service_code" },
                { "environment.garbage", "91", "121.1", null, "x", "lat" },
                { "environment.garbage", "31.1", "-180.5", null, "x", "long" },
                { "environment.garbage", "31.1", "east", null, "x", "long" },
                { "environment.garbage", "NaN", "121.1", null, "x", "lat" },
                { "environment.garbage", "31.1", null, null, "x", "long" },
                { "environment.garbage", null, null, "x".repeat(301), "x", "address_string" },
                { "environment.garbage", null, null, "某路1号", "x".repeat(2001), "description" },
        };
        for (String[] c : cases) {
            RequestSpecification r = client().auth().oauth2(REPORTER).contentType(FORM);
            String[] names = { "service_code", "lat", "long", "address_string", "description" };
            for (int i = 0; i < names.length; i++) {
                if (c[i] != null) {
                    r.formParam(names[i], c[i]);
                }
            }
            assertEquals(List.of(c[5]), fields(r.post(BASE + "/requests.json").then().statusCode(400).contentType(ContentType.JSON)));
        }
        // neither a point nor an address
        client().auth().oauth2(REPORTER).contentType(FORM).formParam("service_code", "environment.garbage")
                .formParam("description", "x").post(BASE + "/requests.json").then().statusCode(400)
                .body("description", hasItems(startsWith("lat:"), startsWith("long:"), startsWith("address_string:")));
        // several at once
        client().auth().oauth2(REPORTER).contentType(ContentType.JSON).body("{\"lat\":\"100\",\"long\":\"0\"}")
                .post(BASE + "/requests.json").then().statusCode(400).body("description", hasItems(startsWith("service_code:"), startsWith("lat:")));
        client().auth().oauth2(REPORTER).contentType(FORM).formParam("service_code", "environment.garbage")
                .formParam("address_string", "某路1号").formParam("media_url", "file:///etc/passwd")
                .post(BASE + "/requests.json").then().statusCode(400).body("[0].description", startsWith("media_url:"));
        // filters
        client().queryParam("status", "pending").get(BASE + "/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("status:"));
        client().queryParam("start_date", "yesterday").get(BASE + "/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("start_date:"));
        client().queryParam("start_date", "2024-01-01T00:00:00Z").queryParam("end_date", "2024-06-01T00:00:00Z")
                .get(BASE + "/requests.json").then().statusCode(400).body("[0].description", startsWith("end_date:"));
        client().queryParam("service_request_id", "42").get(BASE + "/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("service_request_id:"));

        // posting needs a token; unknown requests are 404
        given().contentType(FORM).formParam("service_code", "environment.garbage").formParam("lat", "31.1")
                .formParam("long", "121.1").formParam("description", "x").post(BASE + "/requests.json").then().statusCode(401)
                .body("[0].code", equalTo(401)).body("[0].description", startsWith("api_key:"));
        client().get(BASE + "/requests/" + UUID.randomUUID() + ".json").then().statusCode(404).contentType(ContentType.JSON)
                .body("[0].code", equalTo(404));
        client().get(BASE + "/requests/not-a-request.json").then().statusCode(404);
    }

    @Test
    void theLifecycleShowsAsStatusNotesAgencyAndExpectedTime() {
        // rejected: closed, with the reason
        double[] p = spread();
        String rejected = post(REPORTER, "market.food-safety", p[0], p[1], "过期食品");
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"REJECT\",\"reason\":\"不属于本辖区\"}")
                .post("/events/" + rejected + "/acceptance").then().statusCode(200);
        client().get(BASE + "/requests/" + rejected + ".json").then().statusCode(200)
                .body("[0].status", equalTo("closed")).body("[0].status_notes", equalTo("不属于本辖区"));
        client().queryParam("status", "closed").queryParam("service_code", "market.food-safety").get(BASE + "/requests.json")
                .then().body("service_request_id", hasItem(rejected));
        client().queryParam("status", "open").queryParam("service_code", "market.food-safety").get(BASE + "/requests.json")
                .then().body("service_request_id", not(hasItem(rejected)));

        // a second report of the same problem nearby is merged: closed, duplicate of the first
        p = spread();
        String first = post(REPORTER, "construction.dust", p[0], p[1], "工地扬尘");
        String second = client().auth().oauth2(STRANGER).contentType(FORM)
                .formParam("service_code", "construction.dust").formParam("lat", p[0] + 0.0001).formParam("long", p[1])
                .formParam("description", "灰很大").post(BASE + "/requests.json").then().statusCode(201)
                .body("[0].service_notice", containsString(first)).extract().path("[0].service_request_id");
        assertNotEquals(first, second);
        client().get(BASE + "/requests/" + second + ".json").then().statusCode(200)
                .body("[0].status", equalTo("closed")).body("[0].status_notes", equalTo("duplicate of " + first));

        // accepted and dispatched: the handler unit and its deadline
        EventLifecycleTest.accept(first);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, first, dispatch(first, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> client().get(BASE + "/requests/" + first + ".json").then()
                .statusCode(200).body("[0].agency_responsible", equalTo("GRID:x")).body("[0].expected_datetime", notNullValue())
                .body("[0].status", equalTo("open")));
    }

    @Test
    void aNulOrADateOutsideTheSaneYearsNamesTheOpen311Field() {
        client().queryParam("start_date", "+999999999-12-31T00:00:00Z").get(BASE + "/requests.json").then().statusCode(400)
                .contentType(ContentType.JSON).body("[0].description", startsWith("start_date:"));
        client().queryParam("end_date", "-999999999-01-01").get(BASE + "/requests.json").then().statusCode(400)
                .contentType(ContentType.JSON).body("[0].description", startsWith("end_date:"));
        client().auth().oauth2(REPORTER).contentType(FORM).formParam("service_code", "environment.garbage").formParam("lat", "31.1")
                .formParam("long", "121.1").formParam("description", "垃圾\u0000").post(BASE + "/requests.json").then().statusCode(400)
                .contentType(ContentType.JSON).body("description", hasSize(1)).body("[0].description", startsWith("description:"));
        client().auth().oauth2(REPORTER).contentType(ContentType.JSON)
                .body("{\"service_code\":\"environment.garbage\",\"lat\":\"31.1\",\"long\":\"121.1\",\"description\":\"x\\u0000\"}")
                .post(BASE + "/requests.json").then().statusCode(400).contentType(ContentType.JSON)
                .body("[0].description", startsWith("description:"));
    }
}
