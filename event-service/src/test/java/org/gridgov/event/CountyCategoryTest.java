package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.ADMIN;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.event.partner.PartnerReportConsumer;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Several counties in one deployment: a county's administrator extends the shared category catalogue for her county
 * only, and a county's own category is for reports in that county only, whatever the intake path.
 */
@QuarkusTest
class CountyCategoryTest {
    static final String COUNTY_A = "350182";
    static final String COUNTY_B = "350183";
    static final String GRID_A = "350182611001001";
    static final String GRID_B = "350183611001001";
    static final double LAT = 23.50;
    static final double LON_A = 116.50;
    static final double LON_B = 116.60;
    static final String ADMIN_A = countyAdmin("county-admin-a", COUNTY_A);
    static final String ADMIN_B = countyAdmin("county-admin-b", COUNTY_B);
    static final String RESIDENT = JwtKeys.forTests().token("county-resident", "resident");
    /** A's own small class under the shared big class environment; B has another with the same code */
    static final String TEA = "environment.tea-waste";
    static final String RIVER = "environment.river-litter";

    static boolean ready;

    static String countyAdmin(String user, String county) {
        return JwtKeys.forTests().token(user, Set.of("admin"), Map.of("district", county), Duration.ofHours(1));
    }

    static String category(String code, String parent, String county) {
        return "{\"kind\":\"EVENT\",\"code\":\"" + code + "\",\"nameZh\":\"县级类别\",\"nameEn\":\"County's own\""
                + (parent == null ? "" : ",\"parentKey\":\"" + parent + "\"") + (county == null ? "" : ",\"county\":\"" + county + "\"") + "}";
    }

    static String report(String category, double lon) {
        return "{\"category\":\"" + category + "\",\"description\":\"县级类别测试\",\"location\":{\"latitude\":" + (LAT + 0.005)
                + ",\"longitude\":" + (lon + 0.005) + "}}";
    }

    @BeforeEach
    void fixtures() {
        if (ready) {
            return;
        }
        EventLifecycleTest.publishGrid(GRID_A, LON_A, LAT);
        EventLifecycleTest.publishGrid(GRID_B, LON_B, LAT);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body(report("other.unclassified", LON_A)).post("/events")
                    .then().statusCode(201).body("gridCode", equalTo(GRID_A));
            given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body(report("other.unclassified", LON_B)).post("/events")
                    .then().statusCode(201).body("gridCode", equalTo(GRID_B));
        });
        // without a county in the body, a county's administrator's new category is her county's
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(category("0191", "environment", null)).put("/categories/" + TEA)
                .then().statusCode(200).body("county", equalTo(COUNTY_A));
        // another county may use the same code for its own
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body(category("0191", "environment", COUNTY_B)).put("/categories/" + RIVER)
                .then().statusCode(200).body("county", equalTo(COUNTY_B));
        ready = true;
    }

    @Test
    void aCountysAdministratorChangesHerCountysCategoriesOnly() {
        // the shared catalogue is the system administrator's
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(category("0101", "environment", null))
                .put("/categories/environment.garbage").then().statusCode(403).body("detail", containsString("shared"));
        given().auth().oauth2(ADMIN_A).delete("/categories/environment.garbage").then().statusCode(403);
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(category("89", null, null)).put("/categories/county-a-shared")
                .then().statusCode(200).body("county", equalTo(COUNTY_A));
        // another county's: neither edit nor retire nor create in its name
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body(category("0191", "environment", null)).put("/categories/" + TEA)
                .then().statusCode(403).body("detail", containsString(COUNTY_A));
        given().auth().oauth2(ADMIN_B).delete("/categories/" + TEA).then().statusCode(403);
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(category("0192", "environment", COUNTY_B))
                .put("/categories/environment.in-b").then().statusCode(403);
        // codes: not a shared one, not one of her county's; a big class of another county is no parent
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(category("0101", "environment", null))
                .put("/categories/environment.my-garbage").then().statusCode(400).body("errors.field", hasItem("code"));
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(category("0191", "environment", null))
                .put("/categories/environment.tea-again").then().statusCode(400).body("errors.field", hasItem("code"));
        given().auth().oauth2(ADMIN_B).contentType(ContentType.JSON).body(category("8901", "county-a-shared", null))
                .put("/categories/county-a-shared.b-child").then().statusCode(400).body("errors.field", hasItem("parentKey"));
        // her own: edit, move refused, history, retire
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(category("0191", "environment", null).replace("}", ",\"timeLimitDays\":3}"))
                .put("/categories/" + TEA).then().statusCode(200).body("timeLimitDays", equalTo(3)).body("county", equalTo(COUNTY_A));
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(category("0191", "environment", COUNTY_B))
                .put("/categories/" + TEA).then().statusCode(400).body("errors[0].field", equalTo("county"));
        given().auth().oauth2(ADMIN).get("/categories/" + TEA + "/history").then().statusCode(200)
                .body("$", hasSize(2)).body("snapshot", everyItem(containsString("\"county\": \"" + COUNTY_A + "\"")));
        given().auth().oauth2(ADMIN_A).contentType(ContentType.JSON).body(category("8901", "county-a-shared", null))
                .put("/categories/county-a-shared.child").then().statusCode(200).body("county", equalTo(COUNTY_A));
        given().auth().oauth2(ADMIN_A).delete("/categories/county-a-shared.child").then().statusCode(200).body("active", equalTo(false))
                .body("county", equalTo(COUNTY_A));
        // the system administrator changes any county's
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(category("0191", "environment", null).replace("}", ",\"timeLimitDays\":2}"))
                .put("/categories/" + RIVER).then().statusCode(200).body("county", equalTo(COUNTY_B));
    }

    @Test
    void theCatalogueShowsTheSharedCategoriesAndTheCountysOwn() {
        given().queryParam("county", COUNTY_A).get("/categories").then().statusCode(200)
                .body("key", hasItems(TEA, "environment.garbage")).body("key", not(hasItem(RIVER)));
        given().get("/categories").then().statusCode(200).body("key", hasItem("environment.garbage"))
                .body("key", not(hasItem(TEA))).body("key", not(hasItem(RIVER)));
        given().auth().oauth2(ADMIN_B).get("/categories").then().statusCode(200).body("key", hasItem(RIVER)).body("key", not(hasItem(TEA)));
        given().auth().oauth2(ADMIN).get("/categories").then().statusCode(200).body("key", hasItems(TEA, RIVER))
                .body("find { it.key == '" + TEA + "' }.county", equalTo(COUNTY_A))
                .body("find { it.key == 'environment.garbage' }.county", nullValue());
        given().queryParam("county", "35018").get("/categories").then().statusCode(400).body("errors[0].field", equalTo("county"));
    }

    @Test
    void aCountysCategoryIsTakenInItsCountyAndRefusedElsewhere() {
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body(report(TEA, LON_A)).post("/events").then().statusCode(201)
                .body("gridCode", equalTo(GRID_A)).body("category", equalTo(TEA));
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body(report(TEA, LON_B)).post("/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("category"))
                .body("errors[0].reason", containsString(COUNTY_B));
        // not located: only the shared catalogue applies
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"" + TEA + "\",\"description\":\"无坐标\",\"address\":\"某路1号\"}").post("/events").then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        // Open311 names the category service_code
        Open311Test.client().auth().oauth2(RESIDENT).contentType(Open311Test.FORM).formParam("service_code", TEA)
                .formParam("lat", String.valueOf(LAT + 0.004)).formParam("long", String.valueOf(LON_B + 0.004)).formParam("description", "县级类别")
                .post(Open311Test.BASE + "/requests.json").then().statusCode(400).body("description", hasItem(startsWith("service_code:")));
        Open311Test.client().auth().oauth2(RESIDENT).contentType(Open311Test.FORM).formParam("service_code", TEA)
                .formParam("lat", String.valueOf(LAT + 0.004)).formParam("long", String.valueOf(LON_A + 0.004)).formParam("description", "县级类别")
                .post(Open311Test.BASE + "/requests.json").then().statusCode(201);
    }

    @Test
    void partnerAndVisitReportsKeepToTheCountysCategories() {
        PartnerTopicTest.register("county-partner");
        String inA = "county-a-" + UUID.randomUUID();
        String inB = "county-b-" + UUID.randomUUID();
        TopicWriter.send(bootstrap(), Topics.partnerReports("county-partner"), inA, partnerReport(inA, LON_A));
        TopicWriter.send(bootstrap(), Topics.partnerReports("county-partner"), inB, partnerReport(inB, LON_B));
        List<TopicReader.Received> dead = TopicReader.read(bootstrap(), Topics.deadLetter(PartnerReportConsumer.NAME),
                r -> r.key().equals(inA) || r.key().equals(inB), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertEquals(inB, dead.get(0).key());
        String why = new String(dead.get(0).record().headers().lastHeader("dlt_reason").value(), StandardCharsets.UTF_8);
        assertTrue(why.contains("category: ") && why.contains(COUNTY_A), why);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ADMIN).queryParam("category", TEA).get("/events")
                .then().statusCode(200).body("findAll { it.externalId == '" + inA + "' }", hasSize(1)));

        // a visit in B naming A's category: filed as other.unclassified, the key kept in the description
        String problemId = UUID.randomUUID().toString();
        String json = ("{\"problemId\":\"%s\",\"visitId\":\"%s\",\"householdId\":\"%s\",\"gridCode\":\"%s\",\"communityCode\":\"%s\","
                + "\"streetCode\":\"%s\",\"visitorId\":\"county-visitor\",\"category\":\"%s\",\"description\":\"走访发现\",\"address\":\"B村1号\","
                + "\"foundAt\":\"%s\"}").formatted(problemId, UUID.randomUUID(), UUID.randomUUID(), GRID_B, GRID_B.substring(0, 12),
                        GRID_B.substring(0, 9), TEA, OffsetDateTime.now());
        TopicWriter.send(bootstrap(), Topics.GRID_VISITS, "h", TopicWriter.event(null, "/gridgov/grid-service",
                EventType.VISIT_PROBLEM_FOUND.type(), problemId, json));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(ADMIN).queryParam("grid", GRID_B).get("/events")
                .then().statusCode(200).body("find { it.reporterId == 'county-visitor' }.category", equalTo("other.unclassified"))
                .body("find { it.reporterId == 'county-visitor' }.description", startsWith("[" + TEA + "]")));
    }

    static io.cloudevents.CloudEvent partnerReport(String externalId, double lon) {
        String json = ("{\"externalId\":\"%s\",\"category\":\"%s\",\"description\":\"伙伴系统报告\",\"latitude\":%s,\"longitude\":%s}")
                .formatted(externalId, TEA, LAT + 0.006, lon + 0.006);
        return TopicWriter.event(null, "/partners/test", EventType.PARTNER_REPORT_SUBMITTED.type(), externalId, json);
    }

    @Test
    void open311ServicesFollowTheJurisdiction() {
        Open311Test.client().queryParam("jurisdiction_id", COUNTY_A).get(Open311Test.BASE + "/services.json").then().statusCode(200)
                .body("service_code", hasItems(TEA, "environment.garbage")).body("service_code", not(hasItem(RIVER)));
        Open311Test.client().queryParam("jurisdiction_id", COUNTY_B).get(Open311Test.BASE + "/services.json").then().statusCode(200)
                .body("service_code", hasItem(RIVER)).body("service_code", not(hasItem(TEA)));
        Open311Test.client().get(Open311Test.BASE + "/services.json").then().statusCode(200)
                .body("service_code", hasItem("environment.garbage")).body("service_code", not(hasItem(TEA)));
        Open311Test.client().queryParam("jurisdiction_id", COUNTY_B).get(Open311Test.BASE + "/services/" + TEA + ".json").then().statusCode(404);
        Open311Test.client().queryParam("jurisdiction_id", COUNTY_A).get(Open311Test.BASE + "/services/" + TEA + ".json").then().statusCode(200)
                .body("service_code", equalTo(TEA));
        // a county this deployment does not have: the Open311 error form
        Open311Test.client().queryParam("jurisdiction_id", "359999").get(Open311Test.BASE + "/services.json").then().statusCode(400)
                .body("[0].code", equalTo(400)).body("[0].description", startsWith("jurisdiction_id:"));
        Open311Test.client().queryParam("jurisdiction_id", "359999").get(Open311Test.BASE + "/services.xml").then().statusCode(400)
                .contentType(ContentType.XML);
    }
}
