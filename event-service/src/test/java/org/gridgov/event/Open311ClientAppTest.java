package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.gridgov.event.EventLifecycleTest.ADMIN;
import static org.gridgov.event.EventLifecycleTest.OPERATOR;
import static org.gridgov.event.Open311Test.BASE;
import static org.gridgov.event.Open311Test.FORM;
import static org.gridgov.event.Open311Test.client;
import static org.gridgov.event.Open311Test.spread;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * An existing Open311 client application: registered by an admin, it posts with its api_key and the
 * resident's contact, which is kept encrypted, shown masked, read in clear only with an audit record.
 */
@QuarkusTest
class Open311ClientAppTest {
    /** an operator of another county: outside the remit of an event not yet placed */
    static final String ELSEWHERE = JwtKeys.forTests().token("operator-elsewhere", java.util.Set.of("operator"),
            java.util.Map.of("streets", "350199001"));

    @Inject
    EntityManager em;

    /** Registers an application; returns {id, apiKey}. */
    static String[] register(String code, Integer perMinute) {
        var r = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"随手拍 " + code + "\"" + (perMinute == null ? "" : ",\"rateLimitPerMinute\":" + perMinute) + "}")
                .post("/admin/open311/clients").then().statusCode(201).body("apiKey", startsWith("o311_")).extract();
        return new String[] { r.path("client.id"), r.path("apiKey") };
    }

    static io.restassured.response.ValidatableResponse post(String apiKey, String serviceCode) {
        double[] p = spread();
        return client().contentType(FORM).formParam("api_key", apiKey).formParam("service_code", serviceCode).formParam("lat", p[0])
                .formParam("long", p[1]).formParam("description", "应用上报：楼道堆物").post(BASE + "/requests.json").then();
    }

    @Test
    void anApplicationPostsWithItsKeyAndTheResidentsContactIsEncryptedMaskedAndAudited() throws Exception {
        String code = "app-" + UUID.randomUUID().toString().substring(0, 8);
        String[] app = register(code, null);
        String key = app[1];
        // only a hash of the key is kept, and no list shows it
        String list = given().auth().oauth2(ADMIN).get("/admin/open311/clients").then().statusCode(200).body("code", hasItem(code))
                .extract().asString();
        assertFalse(list.contains(key), list);
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select key_hash from open311_client where code = ?1")
                .setParameter(1, code).getSingleResult());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))), stored);

        double[] p = spread();
        String body = client().contentType(FORM).formParam("api_key", key).formParam("service_code", "environment.garbage")
                .formParam("lat", p[0]).formParam("long", p[1]).formParam("description", "应用上报：垃圾满溢")
                .formParam("email", "wang.lihua@example.com").formParam("phone", "13912345678").formParam("first_name", "丽华")
                .formParam("last_name", "王").post(BASE + "/requests.json").then().statusCode(201).extract().asString();
        String id = io.restassured.path.json.JsonPath.from(body).getString("[0].service_request_id");

        // an event like any resident's report: it waits for 立案; the reporter is the application
        String event = given().auth().oauth2(ADMIN).get("/events/" + id).then().statusCode(200).body("channel", equalTo("OPEN311"))
                .body("status", equalTo("REPORTED")).body("reporterId", equalTo("open311:" + code)).extract().asString();
        for (String secret : List.of("wang.lihua@example.com", "13912345678", "丽华")) {
            assertFalse(event.contains(secret), "the event shows " + secret);
        }
        // encrypted at rest
        String row = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select open311_contact_enc from event where id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult());
        assertTrue(row.startsWith("v1:"), row);
        assertFalse(row.contains("13912345678") || row.contains("example.com"), row);
        // nobody reading Open311 sees it
        String publicRead = client().get(BASE + "/requests/" + id + ".json").then().statusCode(200).extract().asString();
        assertFalse(publicRead.contains("13912345678") || publicRead.contains("example.com"), publicRead);

        // staff in whose remit it lies see it masked; another county's operator does not see it at all
        given().auth().oauth2(OPERATOR).get("/events/" + id + "/open311-contact").then().statusCode(200)
                .body("client", equalTo(code)).body("phone", equalTo("139****5678")).body("email", equalTo("w*********@example.com"))
                .body("firstName", equalTo("丽*")).body("lastName", equalTo("王*")).body("masked", equalTo(true));
        given().auth().oauth2(ELSEWHERE).get("/events/" + id + "/open311-contact").then().statusCode(404);
        given().auth().oauth2(ELSEWHERE).get("/events/" + id + "/open311-contact/clear").then().statusCode(404);
        given().auth().oauth2(Open311Test.REPORTER).get("/events/" + id + "/open311-contact").then().statusCode(403);
        // in clear for the follow-up call, and the read is logged
        given().auth().oauth2(OPERATOR).get("/events/" + id + "/open311-contact/clear").then().statusCode(200)
                .body("phone", equalTo("13912345678")).body("email", equalTo("wang.lihua@example.com")).body("masked", equalTo(false));
        given().auth().oauth2(ADMIN).queryParam("event", id).get("/audit/pii").then().statusCode(200)
                .body("[0].reader", equalTo("operator-1")).body("[0].what", startsWith("open311 contact"));

        // a JWT keeps working without a key, and its contact fields are still not kept
        Open311Test.post(Open311Test.REPORTER, "environment.garbage", spread()[0], 104.01, "令牌上报");
    }

    @Test
    void aWrongOrRevokedKeyIsRefusedAndTheRateLimitHolds() {
        post("o311_not-a-key", "environment.garbage").statusCode(403).contentType(ContentType.JSON)
                .body("[0].code", equalTo(403)).body("[0].description", startsWith("api_key:"));
        String[] app = register("limited-" + UUID.randomUUID().toString().substring(0, 8), 2);
        // at most 2 a minute: of 5 quick posts, at most 4 can pass even if a minute begins among them
        List<Integer> answers = new ArrayList<>();
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> refused = null;
        for (int i = 0; i < 5; i++) {
            var r = post(app[1], "environment.garbage").extract();
            answers.add(r.statusCode());
            refused = r.statusCode() == 429 ? r : refused;
        }
        assertTrue(refused != null && answers.stream().allMatch(s -> s == 201 || s == 429), answers.toString());
        assertEquals("60", refused.header("Retry-After"));
        assertTrue(refused.jsonPath().getString("[0].description").startsWith("api_key: this application may post 2 requests a minute"),
                refused.asString());
        // raised, it passes again
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"rateLimitPerMinute\":100}").put("/admin/open311/clients/" + app[0]
                + "/rate-limit").then().statusCode(200).body("rateLimitPerMinute", equalTo(100));
        post(app[1], "environment.garbage").statusCode(201);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"rateLimitPerMinute\":0}").put("/admin/open311/clients/" + app[0]
                + "/rate-limit").then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("rateLimitPerMinute"));
        // revoked: refused at once
        given().auth().oauth2(ADMIN).delete("/admin/open311/clients/" + app[0]).then().statusCode(200).body("revokedAt", notNullValue());
        post(app[1], "environment.garbage").statusCode(403);
        // bad contact fields name the field
        String[] other = register("contact-" + UUID.randomUUID().toString().substring(0, 8), null);
        double[] p = spread();
        client().contentType(FORM).formParam("api_key", other[1]).formParam("service_code", "environment.garbage").formParam("lat", p[0])
                .formParam("long", p[1]).formParam("email", "not-an-email").post(BASE + "/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("email:"));
    }

    @Test
    void onlyAdminsManageApplications() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"code\":\"sneaky\",\"name\":\"x\"}").post("/admin/open311/clients")
                .then().statusCode(403);
        given().auth().oauth2(OPERATOR).get("/admin/open311/clients").then().statusCode(403);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"code\":\"Bad Code\",\"name\":\"x\"}").post("/admin/open311/clients")
                .then().statusCode(400).body("errors[0].field", equalTo("code"));
        String code = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        register(code, null);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"code\":\"" + code + "\",\"name\":\"again\"}").post("/admin/open311/clients")
                .then().statusCode(409);
        given().auth().oauth2(ADMIN).get("/admin/open311/clients/" + UUID.randomUUID()).then().statusCode(404);
    }
}
