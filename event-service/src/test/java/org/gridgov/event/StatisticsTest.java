package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Monthly series, every handler counted for departments, CSV/XLSX exports and the printable monthly report. */
@QuarkusTest
class StatisticsTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-1", "admin");
    static final String STAFF = EventLifecycleTest.countyWide("street-7", "street_staff");
    /** staff of another county: sees none of these events */
    static final String ELSEWHERE = JwtKeys.forTests().token("street-8", Set.of("street_staff"), Map.of("streets", "350183001"),
            Duration.ofHours(1));
    static final String THIS_MONTH = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
    static boolean made;

    @BeforeEach
    void oneEventHandledByTwoDepartments() {
        if (made) {
            return;
        }
        for (String[] c : new String[][] { { "monthly", "96", null }, { "monthly.test", "9601", "monthly" } }) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"kind\":\"EVENT\",\"code\":\"" + c[1] + "\",\"nameZh\":\"月报测试\",\"nameEn\":\"Test\""
                            + (c[2] == null ? "" : ",\"parentKey\":\"" + c[2] + "\"") + "}")
                    .put("/categories/" + c[0]).then().statusCode(200);
        }
        String id = given().auth().oauth2(EventLifecycleTest.RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"monthly.test\",\"description\":\"月报统计\",\"address\":\"统计路2号\"}")
                .post("/events").then().statusCode(201).extract().path("id");
        EventLifecycleTest.accept(id);
        TopicWriter.send(EventLifecycleTest.bootstrap(), Topics.ESCALATION_TASKS, id, dispatch(id, "DEPT:housing", null, "DISPATCH"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(STAFF).get("/events/" + id)
                .then().body("handlerUnit", equalTo("DEPT:housing")));
        TopicWriter.send(EventLifecycleTest.bootstrap(), Topics.ESCALATION_TASKS, id,
                dispatch(id, "DEPT:urban", "DEPT:housing", "ESCALATION"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(STAFF).get("/events/" + id)
                .then().body("handlerUnit", equalTo("DEPT:urban")));
        made = true;
    }

    static io.cloudevents.CloudEvent dispatch(String eventId, String unit, String from, String kind) {
        String json = ("{\"taskId\":\"%s\",\"eventId\":\"%s\",\"category\":\"monthly.test\",\"handlerUnit\":\"%s\",\"tier\":\"STREET\","
                + "\"rule\":\"test@1\",\"reason\":\"test\",\"dispatchedAt\":\"%s\",\"deadline\":\"%s\",\"escalatedFrom\":%s,\"kind\":\"%s\"}")
                .formatted(UUID.randomUUID(), eventId, unit, OffsetDateTime.now(), OffsetDateTime.now().plusDays(3),
                        from == null ? "null" : "\"" + from + "\"", kind);
        return TopicWriter.event(null, "/gridgov/escalation-service", EventType.TASK_DISPATCHED.type(), eventId, json);
    }

    @Test
    void aDepartmentFigureCountsEveryDepartmentThatHeldTheEvent() {
        given().auth().oauth2(STAFF).queryParam("by", "department").queryParam("category", "monthly").get("/statistics")
                .then().statusCode(200).body("key", hasItems("DEPT:housing", "DEPT:urban"))
                .body("find { it.key == 'DEPT:housing' }.reported", equalTo(1))
                .body("find { it.key == 'DEPT:urban' }.reported", equalTo(1));
    }

    @Test
    void theMonthlySeriesHasOneRowPerMonthAndUnit() {
        given().auth().oauth2(STAFF).queryParam("by", "category").queryParam("category", "monthly")
                .queryParam("from", YearMonth.parse(THIS_MONTH).minusMonths(2).toString()).queryParam("to", THIS_MONTH)
                .get("/statistics/monthly").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].month", equalTo(THIS_MONTH)).body("[0].key", equalTo("monthly.test"))
                .body("[0].reported", equalTo(1)).body("[0].closed", equalTo(0));
        given().auth().oauth2(ELSEWHERE).queryParam("by", "category").queryParam("category", "monthly").get("/statistics/monthly")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void theFiguresExportAsCsvAndXlsx() throws Exception {
        String csv = given().auth().oauth2(STAFF).queryParam("by", "category").queryParam("category", "monthly").queryParam("format", "csv")
                .get("/statistics/monthly").then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString(".csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).contains("month,key,reported,closed,closureRate"), lines.get(0));
        assertTrue(lines.get(1).startsWith(THIS_MONTH + ",monthly.test,1,0,0.0,"), lines.get(1));

        byte[] xlsx = given().auth().oauth2(STAFF).accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .queryParam("by", "category").queryParam("category", "monthly").get("/statistics").then().statusCode(200)
                .extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals("月份", rows.get(0).getCellText(0));
            assertEquals("办结率", rows.get(0).getCellText(4));
            assertEquals("monthly.test", rows.get(1).getCellText(1));
            assertEquals(1, rows.get(1).getCellAsNumber(2).orElseThrow().intValue());
        }
    }

    @Test
    void theMonthlyReportIsPrintableHtmlWithinTheCallersJurisdiction() {
        given().auth().oauth2(STAFF).queryParam("month", THIS_MONTH).queryParam("by", "category").get("/statistics/report")
                .then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("网格化服务管理月度通报")).body(containsString("monthly.test")).body(containsString("@page"));
        String elsewhere = given().auth().oauth2(ELSEWHERE).queryParam("month", THIS_MONTH).queryParam("by", "category")
                .get("/statistics/report").then().statusCode(200).extract().asString();
        assertTrue(!elsewhere.contains("monthly.test") && elsewhere.contains("本月无立案事件"), "another county's staff sees none");
        given().auth().oauth2(EventLifecycleTest.RESIDENT).get("/statistics/report").then().statusCode(403);
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        given().auth().oauth2(STAFF).queryParam("month", "2026-13").get("/statistics/report").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("month"));
        given().auth().oauth2(STAFF).queryParam("format", "pdf").get("/statistics").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("format"));
        given().auth().oauth2(STAFF).queryParam("from", "2026-05").queryParam("to", "2026-01").get("/statistics/monthly")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(STAFF).queryParam("from", "2020-01").queryParam("to", "2026-01").get("/statistics/monthly")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(STAFF).queryParam("by", "planet").get("/statistics/monthly").then().statusCode(400)
                .body("errors[0].field", equalTo("by"));
    }
}
