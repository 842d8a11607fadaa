package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A person's cadre class is one of the five, and every registration or change goes to Kafka for scoring-service. */
@QuarkusTest
class PersonFactsTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-pf", "admin");

    static void grid(String code, String name, String level, String parent, String boundary) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"level\":\"" + level + "\",\"parentCode\":\"" + parent + "\""
                        + (boundary == null ? "" : ",\"boundary\":" + boundary) + "}")
                .post("/grids").then().statusCode(201);
    }

    static String person(String body, int status) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/people").then().statusCode(status)
                .extract().asString();
    }

    static List<TopicReader.Received> facts(String personId, int count) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return TopicReader.read(bootstrap, Topics.GRID_REGISTRY, r -> ("person:" + personId).equals(r.key())
                && EventType.PERSON_UPSERTED.type().equals(r.event().getType()), count, Duration.ofSeconds(20));
    }

    static String data(TopicReader.Received r) {
        return new String(r.event().getData().toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aPersonsRoleClassAndGridsAreAnnouncedWithoutPersonalData() {
        GridResourceTest.district("350182");
        grid("350182406", "梅花镇", "STREET", "350182", null);
        grid("350182406001", "梅花村", "COMMUNITY", "350182406", null);
        grid("350182406001000", "梅花村一级网格", "GRID1", "350182406001", null);
        grid("350182406001001", "梅花一组", "GRID", "350182406001000", GridResourceTest.square(119.86, 25.86, 0.01));
        grid("350182406001002", "梅花二组", "GRID", "350182406001000", GridResourceTest.square(119.88, 25.86, 0.01));
        person("{\"id\":\"pf-secretary\",\"name\":\"郑秀英\",\"role\":\"CADRE\",\"cadreClass\":\"CADRE_SECRETARY\",\"phone\":\"13900000077\","
                + "\"gridCodes\":[\"350182406001001\"]}", 201);
        // the seeds number the five classes: C4 is class 4, ordinary party members; it is kept by its code
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"id\":\"pf-party\",\"name\":\"林国平\",\"role\":\"PARTY_MEMBER\","
                + "\"cadreClass\":\"C4\",\"gridCodes\":[\"350182406001001\"]}").post("/people").then().statusCode(201)
                .body("cadreClass", equalTo("PARTY_MEMBER"));

        List<TopicReader.Received> got = facts("pf-secretary", 1);
        assertEquals(1, got.size());
        assertEquals("pf-secretary", got.get(0).event().getSubject());
        String d = data(got.get(0));
        assertTrue(d.contains("\"role\":\"CADRE\"") && d.contains("\"cadreClass\":\"CADRE_SECRETARY\"")
                && d.contains("\"gridCodes\":[\"350182406001001\"]") && d.contains("\"status\":\"ACTIVE\""), d);
        assertTrue(!d.contains("郑秀英") && !d.contains("139"), "no name, no phone: " + d);

        // a change of the grids served is announced too
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("[\"350182406001001\",\"350182406001002\"]")
                .put("/people/pf-secretary/grids").then().statusCode(200);
        List<TopicReader.Received> both = facts("pf-secretary", 2);
        assertEquals(2, both.size());
        assertTrue(data(both.get(1)).contains("\"gridCodes\":[\"350182406001001\",\"350182406001002\"]"), data(both.get(1)));
    }

    @Test
    void aCadreClassIsOneOfTheFiveAndOnlyForCadresAndPartyMembers() {
        String bad = person("{\"id\":\"pf-bad\",\"name\":\"王\",\"role\":\"CADRE\",\"cadreClass\":\"C9\"}", 400);
        assertTrue(bad.contains("\"field\":\"cadreClass\"") && bad.contains("CADRE_SECRETARY"), bad);
        String worker = person("{\"id\":\"pf-worker\",\"name\":\"王\",\"role\":\"GRID_WORKER\",\"cadreClass\":\"CADRE_MEMBER\"}", 400);
        assertTrue(worker.contains("\"field\":\"cadreClass\""), worker);
        given().auth().oauth2(ADMIN).get("/people/pf-bad").then().statusCode(404);
    }
}
