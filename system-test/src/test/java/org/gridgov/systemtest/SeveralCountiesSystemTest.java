package org.gridgov.systemtest;

import static org.awaitility.Awaitility.await;
import static org.gridgov.systemtest.SystemSuite.as;
import static org.gridgov.systemtest.SystemSuite.token;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.SecondCounty;
import org.gridgov.testkit.suite.Suite;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two counties in one deployment, 长乐区 (350182, the demo street) and 闽侯县 (350121, {@link SecondCounty}), each with
 * its own administrator. 闽侯县's administrator gives her county its own category, departments, routing rules and a
 * local holiday; 闽侯县's reports follow them while 长乐区's keep the shared ones; neither administrator can change the
 * other county's settings, the shared defaults or anything deployment-wide.
 */
class SeveralCountiesSystemTest {
    static final String CHANGLE = DemoData.DISTRICT;
    static final String MINHOU = SecondCounty.DISTRICT;
    static final String TEA = SecondCounty.TEA;
    static String system;
    static String minhou;
    static String changle;

    @BeforeAll
    static void counties() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        Suite suite = SystemSuite.get();
        system = token("admin", "admin");
        SecondCounty.load(suite.url(Service.GRID), system);
        minhou = token("admin-minhou", Map.of("district", List.of(MINHOU)), "admin");
        changle = token("admin-changle", Map.of("district", List.of(CHANGLE)), "admin");
    }

    @Test
    void aCountysAdministratorKeepsHerCountysGridsOnly() {
        String grid1 = SecondCounty.COMMUNITY + "000";
        as(Service.GRID, changle).body(gridJson(SecondCounty.COMMUNITY + "009", "长乐区管理员越界建的网格", grid1)).post("/grids")
                .then().statusCode(403).contentType(containsString("problem+json"));
        as(Service.GRID, minhou).body(gridJson(SecondCounty.COMMUNITY + "009", "城关第九网格", grid1)).post("/grids")
                .then().statusCode(201);
        // a county node is the system administrator's
        as(Service.GRID, minhou).body("{\"code\":\"350122\",\"name\":\"连江县\",\"level\":\"DISTRICT\"}").post("/grids")
                .then().statusCode(403);
    }

    @Test
    void aCountysReportsFollowItsOwnCategoriesDepartmentsAndRules() {
        // 闽侯县's own departments, a category of its own under the shared 民生服务 and its own rules: tea gardens go to its
        // 农业农村局, housing straight to its 住建局 (SecondCounty.loadSettings, as her administrator)
        SecondCounty.loadSettings(SystemSuite.get().url(Service.EVENT), SystemSuite.get().url(Service.ESCALATION), minhou);
        as(Service.EVENT, system).get("/categories/" + TEA).then().statusCode(200).body("county", equalTo(MINHOU));
        as(Service.ESCALATION, minhou).queryParam("county", MINHOU).get("/routing/rules").then().statusCode(200).body("county", equalTo(MINHOU));
        // 长乐区's administrator changes none of it, nor the shared catalogue
        as(Service.ESCALATION, changle).body("{\"name\":\"改名\",\"county\":\"" + MINHOU + "\"}").put("/routing/departments/housing-" + MINHOU)
                .then().statusCode(403);
        as(Service.EVENT, changle).body("{\"kind\":\"EVENT\",\"code\":\"0991\",\"nameZh\":\"改别县类别\",\"nameEn\":\"x\","
                + "\"parentKey\":\"livelihood\",\"urgency\":\"NORMAL\",\"timeLimitDays\":5}").put("/categories/" + TEA).then().statusCode(403);
        as(Service.EVENT, changle).body("{\"kind\":\"EVENT\",\"code\":\"0903\",\"nameZh\":\"改共用类别\",\"nameEn\":\"x\","
                + "\"parentKey\":\"livelihood\",\"urgency\":\"NORMAL\",\"timeLimitDays\":5}").put("/categories/livelihood.employment")
                .then().statusCode(403);
        as(Service.ESCALATION, changle).queryParam("county", MINHOU).body("{\"rules\":[{\"id\":\"x\",\"categoryPrefix\":\"\","
                + "\"placePrefix\":\"\",\"tier\":\"GRID\",\"handler\":\"GRID\"}]}").post("/routing/rules").then().statusCode(403);
        as(Service.ESCALATION, minhou).body("{\"rules\":[{\"id\":\"x\",\"categoryPrefix\":\"\",\"placePrefix\":\"\",\"tier\":\"GRID\","
                + "\"handler\":\"GRID\"}]}").post("/routing/rules").then().statusCode(403);

        DemoData.Grid mh = SecondCounty.GRIDS.get(0);
        DemoData.Grid cl = DemoData.GRIDS.get(1);
        assertHandledBy(report(mh, TEA, "mh-tea"), "DEPT:agriculture-" + MINHOU);
        assertHandledBy(report(mh, "housing.unsafe-building", "mh-housing"), "DEPT:housing-" + MINHOU);
        // 长乐区 keeps the shared rules (its reports under them: escalation-service's CountyRoutingTest; here every spot of
        // 长乐区's demo street has had a housing report in CrashSystemTest, so a new one would be its duplicate)
        as(Service.ESCALATION, changle).queryParam("county", CHANGLE).get("/routing/rules").then().statusCode(200)
                .body("county", org.hamcrest.Matchers.nullValue());
        // and 闽侯县's category is no category in 长乐区
        double[] p = cl.centre();
        as(Service.EVENT, token("resident-cl-tea", "resident")).header("Idempotency-Key", "cl-tea").body(reportJson(TEA, p, "长乐的茶园"))
                .post("/events").then().statusCode(400).contentType(containsString("problem+json"))
                .body("errors.field", hasItem("category"));
        as(Service.EVENT, token("resident-cl-list", "resident")).queryParam("county", CHANGLE).get("/categories").then().statusCode(200)
                .body("key", not(hasItem(TEA)));
    }

    @Test
    void aCountysLocalHolidayMovesItsDeadlinesOnly() {
        // Monday 7 December 2026, one working day: until 24:00 on Tuesday in 长乐区; on Wednesday in 闽侯县, whose Tuesday is
        // a local holiday
        as(Service.ESCALATION, minhou).body("{\"days\":[{\"date\":\"2026-12-08\",\"kind\":\"HOLIDAY\",\"name\":\"地方节日\"}]}")
                .put("/calendar/2026/counties/" + MINHOU).then().statusCode(200);
        as(Service.ESCALATION, changle).body("{\"days\":[{\"date\":\"2026-12-09\",\"kind\":\"HOLIDAY\",\"name\":\"越界\"}]}")
                .put("/calendar/2026/counties/" + MINHOU).then().statusCode(403);
        as(Service.ESCALATION, minhou).body("{\"days\":[]}").put("/calendar/2026").then().statusCode(403);
        String from = "2026-12-07T09:00:00+08:00";
        as(Service.ESCALATION, minhou).queryParam("from", from).queryParam("workingDays", 1).queryParam("county", MINHOU)
                .get("/calendar/deadline").then().statusCode(200).body("deadline", containsString("2026-12-10"));
        as(Service.ESCALATION, changle).queryParam("from", from).queryParam("workingDays", 1).queryParam("county", CHANGLE)
                .get("/calendar/deadline").then().statusCode(200).body("deadline", containsString("2026-12-09"));
    }

    @Test
    void eachCountyScoresAndLocksItsOwnPoints() {
        // 闽侯县 gives a grid that resolves on time 3 points from tomorrow on; 长乐区 keeps the shared 1
        String from = java.time.OffsetDateTime.now().plusDays(1).withNano(0).toString();
        String version = "{\"fact\":\"RESOLVED_ON_TIME\",\"subjectType\":\"GRID\",\"points\":3,\"effectiveFrom\":\"" + from
                + "\",\"description\":\"闽侯县：网格按时办结每件 3 分\"%s}";
        String mine = version.formatted(",\"county\":\"" + MINHOU + "\"");
        as(Service.SCORING, changle).body(mine).post("/rules/resolved-on-time/versions").then().statusCode(403);
        as(Service.SCORING, minhou).body(version.formatted("")).post("/rules/resolved-on-time/versions").then().statusCode(403);
        as(Service.SCORING, minhou).body(mine).post("/rules/resolved-on-time/versions").then().statusCode(201).body("county", equalTo(MINHOU));
        String later = java.time.OffsetDateTime.now().plusDays(2).withNano(0).toString();
        as(Service.SCORING, minhou).queryParam("county", MINHOU).queryParam("at", later).get("/rules").then().statusCode(200)
                .body("find { it.ruleId == 'resolved-on-time' }.points", equalTo(3));
        as(Service.SCORING, changle).queryParam("county", CHANGLE).queryParam("at", later).get("/rules").then().statusCode(200)
                .body("find { it.ruleId == 'resolved-on-time' }.points", equalTo(1));

        // a month lock of 闽侯县 is 闽侯县's alone
        as(Service.SCORING, changle).queryParam("county", MINHOU).post("/audits/2025-03/lock").then().statusCode(403);
        as(Service.SCORING, minhou).queryParam("county", MINHOU).post("/audits/2025-03/lock").then().statusCode(200)
                .body("lockedCounties", hasItem(MINHOU));
        as(Service.SCORING, changle).queryParam("county", CHANGLE).get("/audits/2025-03").then().statusCode(200)
                .body("lockedCounties", not(hasItem(CHANGLE)));
    }

    @Test
    void nothingDeploymentWideIsACountysAdministrators() {
        for (Service s : Service.values()) {
            as(s, minhou).get("/admin/messaging/dead-letters").then().statusCode(403).contentType(containsString("problem+json"));
            as(s, system).get("/admin/messaging/dead-letters").then().statusCode(200);
        }
        as(Service.EVENT, minhou).get("/admin/open311/clients").then().statusCode(403);
        as(Service.GRID, minhou).get("/audit/pii").then().statusCode(403);
    }

    private static void assertHandledBy(String eventId, String unit) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(Service.ESCALATION, system).get("/tasks/by-event/" + eventId)
                .then().statusCode(200).body("find { it.status == 'OPEN' }.handlerUnit", equalTo(unit)));
    }

    /** a resident's report at the grid's centre, taken on by the county's command centre; its id */
    private static String report(DemoData.Grid g, String category, String key) {
        String id = as(Service.EVENT, token("resident-" + key, "resident")).header("Idempotency-Key", "counties-" + key)
                .body(reportJson(category, g.centre(), "多县测试 " + key)).post("/events").then().statusCode(201).extract().path("id");
        String operator = token("operator-" + g.code().substring(0, 6), Map.of("district", List.of(g.code().substring(0, 6))), "operator");
        as(Service.EVENT, operator).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance").then().statusCode(200);
        return id;
    }

    private static String reportJson(String category, double[] lonLat, String text) {
        return String.format(Locale.ROOT, "{\"category\":\"%s\",\"description\":\"%s\",\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},"
                + "\"address\":\"%s\"}", category, text, lonLat[1], lonLat[0], text);
    }

    /** a level-2 grid east of 闽侯县's two demo grids */
    private static String gridJson(String code, String name, String parent) {
        double w = SecondCounty.WEST + 2 * DemoData.CELL, s = SecondCounty.SOUTH, e = w + DemoData.CELL, n = s + DemoData.CELL;
        return String.format(Locale.ROOT, "{\"code\":\"%s\",\"name\":\"%s\",\"level\":\"GRID\",\"parentCode\":\"%s\",\"boundary\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}}", code, name, parent,
                w, s, e, s, e, n, w, n, w, s);
    }
}
