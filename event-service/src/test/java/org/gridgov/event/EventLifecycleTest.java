package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.TaskKind;
import org.gridgov.common.contract.Tier;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.EvidenceV1;
import org.gridgov.common.contract.payload.TaskActionV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class EventLifecycleTest {
    static final String RESIDENT = JwtKeys.forTests().token("resident-7", "resident");
    static final String OTHER_RESIDENT = JwtKeys.forTests().token("resident-8", "resident");
    /** a county-wide token (district claim), as the demo's command centre has: it sees events not yet located too */
    static String countyWide(String user, String role) {
        return JwtKeys.forTests().token(user, java.util.Set.of(role), java.util.Map.of("district", "350182"), Duration.ofHours(1));
    }

    static final String WORKER = countyWide("worker-1", "grid_worker");
    /** verifies what WORKER resolved: resolving and verifying are separate duties */
    static final String VERIFIER = countyWide("worker-2", "grid_worker");
    static final String OPERATOR = countyWide("operator-1", "operator");
    static final String ADMIN = JwtKeys.forTests().token("admin-1", "admin");
    /** spreads test reports at least 60 m apart, so that only the duplicate tests make duplicates */
    static final java.util.concurrent.atomic.AtomicInteger SPREAD = new java.util.concurrent.atomic.AtomicInteger();
    static boolean categoriesMade;

    /** Categories only these tests use (made through the admin API), so their figures are theirs alone. */
    @org.junit.jupiter.api.BeforeEach
    void testCategories() {
        if (categoriesMade) {
            return;
        }
        for (String[] c : new String[][] { { "paging", "97", null }, { "paging.test", "9701", "paging" }, { "stats", "98", null },
                { "stats.test", "9801", "stats" } }) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body("{\"kind\":\"EVENT\",\"code\":\"" + c[1] + "\",\"nameZh\":\"测试\",\"nameEn\":\"Test\""
                            + (c[2] == null ? "" : ",\"parentKey\":\"" + c[2] + "\"") + "}")
                    .put("/categories/" + c[0]).then().statusCode(200);
        }
        categoriesMade = true;
    }

    /** 立案 by an operator */
    static void accept(String id) {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}")
                .post("/events/" + id + "/acceptance").then().statusCode(200).body("status", equalTo("ACCEPTED"));
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Publishes a grid as grid-service would, onto the registry topic. */
    static void publishGrid(String code, double lon, double lat) {
        String boundary = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                lon, lat, lon + 0.01, lat, lon + 0.01, lat + 0.01, lon, lat + 0.01, lon, lat);
        String json = ("{\"code\":\"%s\",\"name\":\"测试网格\",\"level\":\"GRID\",\"kind\":\"GEOGRAPHIC\",\"status\":\"ACTIVE\","
                + "\"parentCode\":\"%s\",\"communityCode\":\"%s\",\"streetCode\":\"%s\",\"leaderId\":\"worker-1\","
                + "\"boundary\":%s,\"version\":1}").formatted(code, code.substring(0, 12), code.substring(0, 12),
                        code.substring(0, 9), boundary);
        TopicWriter.send(bootstrap(), Topics.GRID_REGISTRY, code,
                TopicWriter.event(null, "/gridgov/grid-service", EventType.GRID_UPSERTED.type(), code, json));
    }

    static CloudEvent dispatch(String eventId, String id) {
        return Published.event(id, "/gridgov/escalation-service", EventType.TASK_DISPATCHED, new TaskDispatchedV1(UUID.randomUUID(),
                UUID.fromString(eventId), "environment.garbage", null, "GRID:x", Tier.GRID, "test@1", "test", OffsetDateTime.now(),
                OffsetDateTime.now().plusDays(3), null, null, null));
    }

    static String report(String token, double lon, double lat) {
        int n = SPREAD.getAndIncrement();
        lon += (n % 7) * 0.0006;
        lat += (n / 7 % 7) * 0.0006;
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"category\":\"environment.garbage\",\"description\":\"楼下垃圾堆放三天无人清理\","
                        + "\"location\":{\"latitude\":" + lat + ",\"longitude\":" + lon + "},\"address\":\"汤泉路12号\"}")
                .post("/events").then().statusCode(201).extract().path("id");
    }

    @Test
    void aReportGoesAroundTheLoopAndEveryStepIsInTheTimelineAndOnKafka() {
        publishGrid("350182201001001", 119.70, 25.90);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"other.unclassified\",\"description\":\"probe\",\"location\":{\"latitude\":25.905,\"longitude\":119.705}}")
                .post("/events").then().statusCode(201).body("gridCode", equalTo("350182201001001")));

        String id = report(RESIDENT, 119.705, 25.905);
        given().auth().oauth2(RESIDENT).get("/events/" + id).then().statusCode(200)
                .body("status", equalTo("REPORTED")).body("gridCode", equalTo("350182201001001"))
                .body("communityCode", equalTo("350182201001")).body("streetCode", equalTo("350182201"));
        // another resident does not see it
        given().auth().oauth2(OTHER_RESIDENT).get("/events/" + id).then().statusCode(404);
        accept(id);

        CloudEvent task = dispatch(id, UUID.randomUUID().toString());
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, task);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, task); // redelivered: no second effect
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")).body("handlerUnit", equalTo("GRID:x")));

        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"已清运\"}")
                .post("/events/" + id + "/resolution").then().statusCode(200).body("status", equalTo("RESOLVED"));
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":true,\"note\":\"现场已无垃圾\"}")
                .post("/events/" + id + "/verification").then().statusCode(200).body("status", equalTo("VERIFIED"));
        // only the reporter (or an operator) rates it; another resident does not even see it
        given().auth().oauth2(OTHER_RESIDENT).contentType(ContentType.JSON).body("{\"satisfaction\":\"SATISFIED\"}")
                .post("/events/" + id + "/follow-up").then().statusCode(404);
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"satisfaction\":\"VERY_SATISFIED\",\"comment\":\"很快\"}")
                .post("/events/" + id + "/follow-up").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("satisfaction", equalTo("VERY_SATISFIED"))
                .body("timeline.action", equalTo(List.of("REPORT", "ACCEPT", "DISPATCH", "RESOLVE", "VERIFY", "FOLLOW_UP", "CLOSE")))
                .body("timeline.toStatus", equalTo(List.of("REPORTED", "ACCEPTED", "DISPATCHED", "RESOLVED", "VERIFIED", "FOLLOWED_UP", "CLOSED")));

        // a transition not allowed from the current state: 409 naming it
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"again\"}")
                .post("/events/" + id + "/resolution").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("CLOSED"));

        List<TopicReader.Received> lifecycle = TopicReader.read(bootstrap(), Topics.EVENT_LIFECYCLE,
                r -> id.equals(r.key()), 7, Duration.ofSeconds(20));
        assertEquals(List.of(EventType.EVENT_REPORTED.type(), EventType.EVENT_ACCEPTED.type(), EventType.EVENT_DISPATCHED.type(), EventType.EVENT_RESOLVED.type(),
                EventType.EVENT_VERIFIED.type(), EventType.EVENT_FOLLOWED_UP.type(), EventType.EVENT_CLOSED.type()),
                lifecycle.stream().map(r -> r.event().getType()).toList());
    }

    @Test
    void aReportOutsideEveryKnownGridIsAcceptedAndLocatedWhenTheGridArrives() {
        String id = report(RESIDENT, 119.805, 25.805);
        given().auth().oauth2(RESIDENT).get("/events/" + id).then().statusCode(200)
                .body("status", equalTo("REPORTED")).body("gridCode", nullValue());
        publishGrid("350182202001001", 119.80, 25.80);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("gridCode", equalTo("350182202001001")).body("timeline.action", hasItem("LOCATE")));
    }

    @Test
    void reworkAndDissatisfactionGoBackIntoTheLoop() {
        String id = reportAccepted(RESIDENT, 119.0, 25.0);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, dispatch(id, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"done\"}")
                .post("/events/" + id + "/resolution").then().statusCode(200);
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":false}")
                .post("/events/" + id + "/verification").then().statusCode(400).body("errors[0].field", equalTo("note"));
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":false,\"note\":\"还有垃圾\"}")
                .post("/events/" + id + "/verification").then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"done again\"}")
                .post("/events/" + id + "/resolution").then().statusCode(200);
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":true}")
                .post("/events/" + id + "/verification").then().statusCode(200);
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"satisfaction\":\"DISSATISFIED\",\"comment\":\"没解决\"}")
                .post("/events/" + id + "/follow-up").then().statusCode(200).body("status", equalTo("REOPENED"));
    }

    @Test
    void aProblemFoundOnAHouseholdVisitBecomesOneEventInTheVisitedGrid() {
        String problemId = UUID.randomUUID().toString();
        String json = ("{\"problemId\":\"%s\",\"visitId\":\"%s\",\"householdId\":\"%s\",\"gridCode\":\"350182203001001\","
                + "\"communityCode\":\"350182203001\",\"streetCode\":\"350182203\",\"visitorId\":\"cadre-9\","
                + "\"category\":\"livelihood.assistance\",\"description\":\"申请临时救助\",\"address\":\"南阳村1号\","
                + "\"foundAt\":\"%s\"}").formatted(problemId, UUID.randomUUID(), UUID.randomUUID(), OffsetDateTime.now());
        CloudEvent found = TopicWriter.event(null, "/gridgov/grid-service", EventType.VISIT_PROBLEM_FOUND.type(), problemId, json);
        TopicWriter.send(bootstrap(), Topics.GRID_VISITS, "h", found);
        // the same problem announced again (a re-sent outbox row has the same id; a replay may not)
        TopicWriter.send(bootstrap(), Topics.GRID_VISITS, "h",
                TopicWriter.event(null, "/gridgov/grid-service", EventType.VISIT_PROBLEM_FOUND.type(), problemId, json));
        String cadre = JwtKeys.forTests().token("cadre-9", "grid_worker");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(cadre).get("/events").then()
                .statusCode(200).body("findAll { it.channel == 'VISIT' }.size()", equalTo(1))
                .body("find { it.channel == 'VISIT' }.gridCode", equalTo("350182203001001"))
                .body("find { it.channel == 'VISIT' }.reporterId", equalTo("cadre-9")));
    }

    static String reportAccepted(String token, double lon, double lat) {
        String id = report(token, lon, lat);
        accept(id);
        return id;
    }

    static CloudEvent action(EventType type, String eventId, String action, String note) {
        return Published.fromEscalation(type, new TaskActionV1(UUID.randomUUID(), UUID.fromString(eventId), "DEPT:police", action,
                "DEPT:police", note, List.of("https://files.example/1.jpg"), OffsetDateTime.now(), null));
    }

    @Test
    void whatTheHandlerUnitDoesIsInTheTimeline() {
        String id = reportAccepted(RESIDENT, 119.1, 25.1);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, dispatch(id, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")));
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, action(EventType.TASK_ACCEPTED, id, "ACCEPTED", "已受理"));
        // progress with a photo and its metadata (kept as evidence), and a file of a type event-service does not keep (a link)
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, Published.fromEscalation(EventType.TASK_PROGRESSED,
                new TaskActionV1(UUID.randomUUID(), UUID.fromString(id), "DEPT:police", "PROGRESSED", "DEPT:police", "已出警",
                        List.of("https://files.example/scene.jpg"), OffsetDateTime.now(), List.of(
                                new EvidenceV1("https://files.example/scene.jpg", "image/jpeg", 2048L, "a".repeat(64)),
                                new EvidenceV1("https://files.example/run.exe", "application/x-msdownload", 10L, "b".repeat(64))))));
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, action(EventType.TASK_RETURNED, id, "RETURNED", "非本部门"));
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, Published.fromEscalation(EventType.TASK_DISPATCHED,
                new TaskDispatchedV1(UUID.randomUUID(), UUID.fromString(id), "environment.garbage", null, "STREET:350182001", Tier.STREET,
                        "default-street@1", "returned", OffsetDateTime.now(), OffsetDateTime.now().plusDays(7), List.of(), "DEPT:police",
                        TaskKind.REROUTE)));
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, Published.fromEscalation(EventType.TASK_DEADLINE_CHANGED,
                new TaskDeadlineV1(UUID.randomUUID(), UUID.fromString(id), "STREET:350182001", Tier.STREET,
                        OffsetDateTime.parse("2026-11-20T00:00:00Z"), OffsetDateTime.parse("2026-12-31T16:00:00Z"),
                        OffsetDateTime.parse("2026-11-21T00:00:00Z"), TaskDeadlineV1.EXTENSION)));
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, action(EventType.TASK_RESOLVED, id, "RESOLVED", "已处理"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id).then()
                .body("status", equalTo("RESOLVED"))
                .body("timeline.action", equalTo(List.of("REPORT", "ACCEPT", "DISPATCH", "HANDLER_ACCEPT", "PROGRESS", "RETURN", "REASSIGN", "EXTEND", "RESOLVE")))
                .body("handlerUnit", equalTo("STREET:350182001"))
                .body("deadline", equalTo("2026-12-31T16:00:00Z"))
                .body("timeline.find { it.action == 'PROGRESS' }.evidence.url", equalTo(List.of("https://files.example/scene.jpg")))
                .body("timeline.find { it.action == 'PROGRESS' }.evidence[0].sha256", equalTo("a".repeat(64)))
                .body("timeline.find { it.action == 'PROGRESS' }.note", equalTo("已出警 [evidence: https://files.example/run.exe]")));
    }

    @Test
    void thePublicBoardShowsOpenItemsWithoutLoginAndWithoutPersonalData() {
        publishGrid("350182204001001", 119.90, 25.90);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"other.unclassified\",\"description\":\"probe\",\"location\":{\"latitude\":25.905,\"longitude\":119.905}}")
                .post("/events").then().statusCode(201).body("gridCode", equalTo("350182204001001")));
        String id = reportAccepted(RESIDENT, 119.905, 25.905);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, dispatch(id, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("grid", "350182204001001").get("/board")
                .then().statusCode(200)
                .body("find { it.id == '" + id + "' }.claimedBy", equalTo("GRID:x"))
                .body("find { it.id == '" + id + "' }.gridName", equalTo("测试网格"))
                .body("find { it.id == '" + id + "' }.status", equalTo("DISPATCHED")));
        String body = given().queryParam("community", "350182204001").get("/board").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(body.contains(id), body);
        for (String personal : List.of("resident-7", "reporterId", "description", "address", "latitude", "楼下垃圾", "汤泉路")) {
            org.junit.jupiter.api.Assertions.assertFalse(body.contains(personal), personal + " on the public board: " + body);
        }
        given().get("/board").then().statusCode(400).body("errors[0].field", equalTo("grid"));
    }

    @Test
    void listsFilterAndPageWithACursor() {
        String pager = JwtKeys.forTests().token("pager-1", "resident");
        java.util.List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, given().auth().oauth2(pager).contentType(ContentType.JSON)
                    .body("{\"category\":\"paging.test\",\"description\":\"第" + i + "件\",\"address\":\"某路" + i + "号\"}")
                    .post("/events").then().statusCode(201).extract().path("id"));
        }
        Paged newest = pages(pager, "newest");
        assertEquals(created, newest.ids(), "newest first, every event once, over pages of two");
        assertEquals(3, newest.pages());
        java.util.List<String> oldest = pages(pager, "oldest").ids();
        java.util.List<String> reversed = new java.util.ArrayList<>(created);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, oldest, "oldest first");
        // by deadline: none has one yet, so all come last, each once, in a stable order
        java.util.List<String> byDeadline = pages(pager, "deadline").ids();
        assertEquals(new java.util.HashSet<>(created), new java.util.HashSet<>(byDeadline));
        assertEquals(created.size(), byDeadline.size());
        given().auth().oauth2(pager).queryParam("sort", "loudest").get("/events").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        String newestCursor = given().auth().oauth2(pager).queryParam("category", "paging").queryParam("limit", 2).get("/events")
                .then().extract().header("X-Next-Cursor");
        given().auth().oauth2(pager).queryParam("sort", "oldest").queryParam("cursor", newestCursor).get("/events").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(pager).queryParam("category", "paging.test").queryParam("assignee", "GRID:none").get("/events").then()
                .statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));
        given().auth().oauth2(pager).queryParam("cursor", "garbage").get("/events").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    /** what paging through a list gave: the ids in order and how many pages it took */
    record Paged(java.util.List<String> ids, int pages) {
    }

    /** every paging.test event the pager sees, page by page (two a page) in the given sort */
    static Paged pages(String token, String sort) {
        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = given().auth().oauth2(token).queryParam("category", "paging").queryParam("limit", 2).queryParam("sort", sort);
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            var resp = req.get("/events").then().statusCode(200).extract();
            seen.addAll(resp.path("id"));
            cursor = resp.header("X-Next-Cursor");
            pages++;
        } while (cursor != null && pages < 10);
        return new Paged(seen, pages);
    }

    String statsEvent(boolean rework, boolean close, String satisfaction) {
        String id = given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"stats.test\",\"description\":\"统计\",\"address\":\"统计路1号\"}")
                .post("/events").then().statusCode(201).extract().path("id");
        if (!close) {
            return id;
        }
        accept(id);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, dispatch(id, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"done\"}").post("/events/" + id + "/resolution")
                .then().statusCode(200);
        if (rework) {
            given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":false,\"note\":\"not yet\"}")
                    .post("/events/" + id + "/verification").then().statusCode(200);
            given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"done\"}").post("/events/" + id + "/resolution")
                    .then().statusCode(200);
        }
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":true}").post("/events/" + id + "/verification")
                .then().statusCode(200);
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"satisfaction\":\"" + satisfaction + "\"}")
                .post("/events/" + id + "/follow-up").then().statusCode(200);
        return id;
    }

    @Test
    void statisticsFollowTheirWrittenDefinitions() {
        statsEvent(false, true, "SATISFIED");
        statsEvent(true, true, "BASICALLY_SATISFIED");
        statsEvent(false, false, null);
        String staff = countyWide("street-9", "street_staff");
        java.util.Map<String, Object> row = given().auth().oauth2(staff).queryParam("by", "category").queryParam("category", "stats")
                .get("/statistics").then().statusCode(200).body("[0].key", equalTo("stats.test"))
                .body("[0].reported", equalTo(3)).body("[0].closed", equalTo(2))
                .body("[0].meanHoursToClose", org.hamcrest.Matchers.notNullValue()).extract().path("[0]");
        assertEquals(2.0 / 3, ((Number) row.get("closureRate")).doubleValue(), 1e-6, "closure rate");
        assertEquals(1.0, ((Number) row.get("onTimeRate")).doubleValue(), 1e-6, "on-time rate");
        assertEquals(0.5, ((Number) row.get("firstTimeRate")).doubleValue(), 1e-6, "first-time rate");
        assertEquals(1.0, ((Number) row.get("satisfactionRate")).doubleValue(), 1e-6, "satisfaction rate");
        assertEquals(0.5, ((Number) row.get("reworkRate")).doubleValue(), 1e-6, "rework rate");
        given().auth().oauth2(staff).queryParam("by", "planet").get("/statistics").then().statusCode(400)
                .body("errors[0].field", equalTo("by"));
        given().auth().oauth2(RESIDENT).get("/statistics").then().statusCode(403);
    }

    @Test
    void retriedSubmissionWithTheSameIdempotencyKeyCreatesOneEvent() {
        String body = "{\"category\":\"road.pothole\",\"description\":\"路面坑洞\",\"address\":\"汤泉路3号\"}";
        String first = given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).header("Idempotency-Key", "k-1")
                .body(body).post("/events").then().statusCode(201).extract().path("id");
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).header("Idempotency-Key", "k-1")
                .body(body).post("/events").then().statusCode(200).body("id", equalTo(first));
        // the same key with another body is not a retry
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).header("Idempotency-Key", "k-1")
                .body(body.replace("3号", "5号")).post("/events").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(RESIDENT).queryParam("category", "road.pothole").get("/events").then()
                .body("findAll { it.id == '" + first + "' }.size()", equalTo(1));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"environment.garbage\",\"description\":\"x\",\"location\":{\"latitude\":100,\"longitude\":119}}")
                .post("/events").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("location.latitude"));
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"description\":\"x\",\"address\":\"a\"}")
                .post("/events").then().statusCode(400).body("errors[0].field", equalTo("category"));
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"category\":\"a.b\",\"description\":\"x\"}")
                .post("/events").then().statusCode(400).body("errors[0].field", equalTo("location"));
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON)
                .body("{\"category\":\"a.b\",\"description\":\"x\",\"location\":{\"latitude\":\"north\",\"longitude\":1}}")
                .post("/events").then().statusCode(400).body("errors[0].field", equalTo("location.latitude"));
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"satisfaction\":\"MEH\"}")
                .post("/events/" + UUID.randomUUID() + "/follow-up").then().statusCode(400).body("errors[0].field", equalTo("satisfaction"));
        given().auth().oauth2(RESIDENT).get("/events/not-a-uuid").then().statusCode(404);
        // a query parameter of the wrong type is bad input naming the parameter, not a 404
        given().auth().oauth2(RESIDENT).queryParam("status", "NOPE").get("/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        given().auth().oauth2(RESIDENT).queryParam("from", "yesterday").get("/events").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"note\":\"x\"}")
                .post("/events/" + UUID.randomUUID() + "/resolution").then().statusCode(403);
    }

    @Test
    void aNulOrADateOutsideTheSaneYearsIsAProblemNamingTheParameter() {
        given().auth().oauth2(OPERATOR).queryParam("from", "+999999999-12-31T00:00:00Z").get("/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().auth().oauth2(OPERATOR).queryParam("to", "-999999999-01-01T00:00:00Z").get("/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        given().auth().oauth2(OPERATOR).queryParam("grid", "g\u0000").get("/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("grid"));
    }
}
