package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class VisitsTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-3", "admin");
    static final String CADRE = JwtKeys.forTests().token("cadre-v", java.util.Set.of("cadre"),
            java.util.Map.of("grids", java.util.List.of("350182401001001", "350182401001002")));
    static final String STRANGER = JwtKeys.forTests().token("nobody", "cadre");
    static final String G = "350182401001001";
    static String focusHousehold;
    static String ordinaryHousehold;
    static String contactHousehold;

    static String post(String path, String body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post(path).then().statusCode(201)
                .extract().path("id") instanceof String s ? s : null;
    }

    @BeforeEach
    void tree() {
        if (focusHousehold != null) {
            return;
        }
        GridResourceTest.district("350182");
        post("/grids", "{\"code\":\"350182401\",\"name\":\"江田镇\",\"level\":\"STREET\",\"parentCode\":\"350182\"}");
        post("/grids", "{\"code\":\"350182401001\",\"name\":\"南阳村\",\"level\":\"COMMUNITY\",\"parentCode\":\"350182401\"}");
        post("/grids", "{\"code\":\"350182401001000\",\"name\":\"南阳村一级网格\",\"level\":\"GRID1\",\"parentCode\":\"350182401001\"}");
        post("/grids", "{\"code\":\"" + G + "\",\"name\":\"南阳一组\",\"level\":\"GRID\",\"parentCode\":\"350182401001000\",\"boundary\":"
                + GridResourceTest.square(119.60, 25.60, 0.01) + "}");
        post("/people", "{\"id\":\"cadre-v\",\"name\":\"徐志明\",\"role\":\"CADRE\",\"cadreClass\":\"C2\",\"gridCodes\":[\"" + G + "\"]}");
        post("/people", "{\"id\":\"cadre-idle\",\"name\":\"孙桂兰\",\"role\":\"CADRE\",\"gridCodes\":[\"" + G + "\"]}");
        ordinaryHousehold = post("/households", "{\"code\":\"NY-001\",\"gridCode\":\"" + G + "\",\"address\":\"南阳村1号\",\"headName\":\"陈\",\"memberCount\":3}");
        focusHousehold = post("/households", "{\"code\":\"NY-002\",\"gridCode\":\"" + G + "\",\"address\":\"南阳村2号\",\"headName\":\"林\","
                + "\"memberCount\":1,\"focusTags\":[\"PETITIONER\"]}");
        contactHousehold = post("/households", "{\"code\":\"NY-003\",\"gridCode\":\"" + G + "\",\"address\":\"南阳村3号\",\"headName\":\"黄\","
                + "\"memberCount\":2,\"contactPersonId\":\"cadre-v\"}");
    }

    @Test
    void aVisitIsRecordedAndItsProblemGoesToKafkaForEventService() {
        String visit = given().auth().oauth2(CADRE).contentType(ContentType.JSON)
                .body("{\"householdId\":\"" + ordinaryHousehold + "\",\"notes\":\"老人住院，家属需要帮助\",\"mustVisitReason\":\"ILLNESS\","
                        + "\"problems\":[{\"category\":\"livelihood.assistance\",\"description\":\"申请临时救助\"}]}")
                .post("/visits").then().statusCode(201).body("visitorId", equalTo("cadre-v")).body("gridCode", equalTo(G))
                .body("problemIds", hasSize(1)).extract().path("id");
        String problem = given().auth().oauth2(CADRE).queryParam("household", ordinaryHousehold).get("/visits").then()
                .statusCode(200).body("[0].id", equalTo(visit)).extract().path("[0].id");
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        List<TopicReader.Received> got = TopicReader.read(bootstrap, Topics.GRID_VISITS, r -> ordinaryHousehold.equals(r.key())
                && EventType.VISIT_PROBLEM_FOUND.type().equals(r.event().getType()), 1, Duration.ofSeconds(20));
        assertEquals(1, got.size());
        assertEquals(EventType.VISIT_PROBLEM_FOUND.type(), got.get(0).event().getType());
        String data = new String(got.get(0).event().getData().toBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(data.contains("申请临时救助") && data.contains("\"visitorId\":\"cadre-v\"")
                && data.contains(visit), data);
        org.junit.jupiter.api.Assertions.assertNotNull(problem);
    }

    @Test
    void coverageListsTheUnvisitedFocusHouseholdsFirstAndChecksTheWeeklyRule() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        given().auth().oauth2(CADRE).contentType(ContentType.JSON)
                .body("{\"householdId\":\"" + contactHousehold + "\",\"notes\":\"例行走访\"}").post("/visits").then().statusCode(201);
        // a visit long ago counts for its own month, not this one (recorded then: a visit is backdated a few days at most)
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"now\":\"2025-03-05T09:00:00+08:00\"}").put("/admin/clock")
                .then().statusCode(200);
        try {
            given().auth().oauth2(CADRE).contentType(ContentType.JSON)
                    .body("{\"householdId\":\"" + focusHousehold + "\",\"notes\":\"去年走访\",\"visitedAt\":\"2025-03-04T10:00:00+08:00\"}")
                    .post("/visits").then().statusCode(201);
        } finally {
            given().auth().oauth2(ADMIN).delete("/admin/clock").then().statusCode(200);
        }

        given().auth().oauth2(CADRE).queryParam("period", "MONTH").queryParam("date", today.toString()).get("/coverage/grids/" + G)
                .then().statusCode(200)
                .body("households", equalTo(3))
                .body("notVisited[0].code", equalTo("NY-002")) // the focus household first
                .body("notVisited.code", org.hamcrest.Matchers.hasItem("NY-002"))
                .body("visitedHouseholds.code", org.hamcrest.Matchers.hasItem("NY-003"));
        given().auth().oauth2(CADRE).queryParam("period", "MONTH").queryParam("date", "2025-03-20").get("/coverage/grids/" + G)
                .then().body("visited", equalTo(1)).body("visitedHouseholds[0].code", equalTo("NY-002"))
                .body("from", equalTo("2025-03-01")).body("to", equalTo("2025-03-31"));

        given().auth().oauth2(CADRE).queryParam("date", today.toString()).get("/coverage/grids/" + G + "/cadres").then()
                .statusCode(200)
                .body("find { it.personId == 'cadre-idle' }.meetsWeeklyRule", equalTo(false))
                .body("find { it.personId == 'cadre-v' }.meetsWeeklyRule", equalTo(true));
        given().auth().oauth2(CADRE).queryParam("period", "WEEK").get("/coverage/people/cadre-v").then().statusCode(200)
                .body("contactHouseholds", equalTo(1)).body("contactHouseholdsVisited", equalTo(1)).body("meetsWeeklyRule", equalTo(true));
    }

    @Test
    void everyVisitIsAnnouncedAndTheVisitThatCompletesTheMonthAnnouncesFullCoverage() {
        String g2 = "350182401001002";
        post("/grids", "{\"code\":\"" + g2 + "\",\"name\":\"南阳二组\",\"level\":\"GRID\",\"parentCode\":\"350182401001000\",\"boundary\":"
                + GridResourceTest.square(119.61, 25.60, 0.01) + "}");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("[\"" + G + "\",\"" + g2 + "\"]").put("/people/cadre-v/grids")
                .then().statusCode(200);
        String a = post("/households", "{\"code\":\"NY2-001\",\"gridCode\":\"" + g2 + "\",\"address\":\"二组1号\",\"headName\":\"郑\",\"memberCount\":2}");
        String b = post("/households", "{\"code\":\"NY2-002\",\"gridCode\":\"" + g2 + "\",\"address\":\"二组2号\",\"headName\":\"王\",\"memberCount\":2}");
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        given().auth().oauth2(CADRE).contentType(ContentType.JSON).body("{\"householdId\":\"" + a + "\",\"notes\":\"走访\"}")
                .post("/visits").then().statusCode(201);
        given().auth().oauth2(CADRE).contentType(ContentType.JSON).body("{\"householdId\":\"" + a + "\",\"notes\":\"再访\"}")
                .post("/visits").then().statusCode(201);
        assertEquals(0, TopicReader.read(bootstrap, Topics.GRID_VISITS, r -> g2.equals(r.key()), 1, Duration.ofSeconds(3)).size(),
                "one household of two visited: no coverage yet");
        given().auth().oauth2(CADRE).contentType(ContentType.JSON).body("{\"householdId\":\"" + b + "\",\"notes\":\"走访\"}")
                .post("/visits").then().statusCode(201);
        List<TopicReader.Received> coverage = TopicReader.read(bootstrap, Topics.GRID_VISITS, r -> g2.equals(r.key()), 2, Duration.ofSeconds(10));
        assertEquals(1, coverage.size(), "coverage announced once");
        assertEquals(EventType.COVERAGE_REACHED.type(), coverage.get(0).event().getType());
        String data = new String(coverage.get(0).event().getData().toBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(data.contains("\"households\":2"), data);
        assertEquals(2, TopicReader.read(bootstrap, Topics.GRID_VISITS, r -> a.equals(r.key())
                && EventType.VISIT_RECORDED.type().equals(r.event().getType()), 2, Duration.ofSeconds(10)).size());
    }

    @Test
    void badVisitsAreRefusedWithTheField() {
        given().auth().oauth2(CADRE).contentType(ContentType.JSON)
                .body("{\"householdId\":\"00000000-0000-0000-0000-000000000000\",\"notes\":\"x\"}").post("/visits").then()
                .statusCode(400).body("errors[0].field", equalTo("householdId"));
        given().auth().oauth2(CADRE).contentType(ContentType.JSON)
                .body("{\"householdId\":\"" + ordinaryHousehold + "\",\"notes\":\"x\",\"visitedAt\":\"2999-01-01T00:00:00Z\"}")
                .post("/visits").then().statusCode(400).body("errors[0].field", equalTo("visitedAt"));
        given().auth().oauth2(CADRE).contentType(ContentType.JSON)
                .body("{\"householdId\":\"" + ordinaryHousehold + "\",\"notes\":\"x\",\"mustVisitReason\":\"PARTY\"}")
                .post("/visits").then().statusCode(400).body("errors[0].field", equalTo("mustVisitReason"));
        given().auth().oauth2(CADRE).contentType(ContentType.JSON)
                .body("{\"householdId\":\"" + ordinaryHousehold + "\",\"notes\":\"x\",\"problems\":[{\"category\":\"Bad Category\",\"description\":\"d\"}]}")
                .post("/visits").then().statusCode(400).body("errors[0].field", equalTo("problems[0].category"));
        given().auth().oauth2(STRANGER).contentType(ContentType.JSON)
                .body("{\"householdId\":\"" + ordinaryHousehold + "\",\"notes\":\"x\"}").post("/visits").then().statusCode(403);
    }
}
