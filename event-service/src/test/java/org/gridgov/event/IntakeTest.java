package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.ADMIN;
import static org.gridgov.event.EventLifecycleTest.OPERATOR;
import static org.gridgov.event.EventLifecycleTest.RESIDENT;
import static org.gridgov.event.EventLifecycleTest.VERIFIER;
import static org.gridgov.event.EventLifecycleTest.WORKER;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.event.partner.PartnerReportConsumer;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Categories, 立案, duplicates, evidence, 即办件, the hotline and partner systems. */
@QuarkusTest
class IntakeTest {
    static final String PHOTO_SHA = "0".repeat(63) + "1";

    static String photo() {
        return "{\"url\":\"https://files.example/p.jpg\",\"contentType\":\"image/jpeg\",\"size\":1000,\"sha256\":\"" + PHOTO_SHA + "\"}";
    }

    static io.restassured.response.ValidatableResponse post(String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json).post("/events").then();
    }

    @Test
    void retriesOfOneSubmissionArrivingTogetherMakeOneEvent() throws Exception {
        // a phone on a bad network sends the same report several times at once; the requests race each other
        // past the idempotency check, and the one that loses at the unique key is answered with the winner's event
        String token = JwtKeys.forTests().token("resident-racing", "resident");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 6; round++) {
                String key = "race-" + UUID.randomUUID();
                String body = "{\"category\":\"road.pothole\",\"description\":\"路面塌陷 " + round + "\","
                        + "\"location\":{\"latitude\":" + (25.1 + round * 0.01) + ",\"longitude\":118.1},\"address\":\"同安路" + round + "号\"}";
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<io.restassured.response.Response>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    sent.add(pool.submit(() -> {
                        go.await();
                        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                                .post("/events");
                    }));
                }
                go.countDown();
                java.util.Set<String> ids = new java.util.HashSet<>();
                int created = 0;
                for (var f : sent) {
                    io.restassured.response.Response r = f.get();
                    assertTrue(r.statusCode() == 201 || r.statusCode() == 200, "answered " + r.statusCode() + ": " + r.asString());
                    created += r.statusCode() == 201 ? 1 : 0;
                    ids.add(r.path("id"));
                }
                assertEquals(1, ids.size(), "one event for one Idempotency-Key");
                assertEquals(1, created, "created once, answered from the store after that");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsOfOneProblemArrivingTogetherAreMergedIntoOneFirstReport() throws Exception {
        // eight neighbours report the same overflowing bin in the same instant: one first report, seven duplicates of it
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                double lat = 24.60 + round * 0.01, lon = 118.60;
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<io.restassured.response.Response>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String token = JwtKeys.forTests().token("neighbour-" + round + "-" + i, "resident");
                    double dLat = (i % 3) * 0.0001; // within about 25 m of each other
                    String body = "{\"category\":\"environment.garbage\",\"description\":\"垃圾桶满溢\","
                            + "\"location\":{\"latitude\":" + (lat + dLat) + ",\"longitude\":" + lon + "}}";
                    sent.add(pool.submit(() -> {
                        go.await();
                        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/events");
                    }));
                }
                go.countDown();
                List<String> firsts = new java.util.ArrayList<>();
                java.util.Set<String> mergedInto = new java.util.HashSet<>();
                for (var f : sent) {
                    io.restassured.response.Response r = f.get();
                    assertEquals(201, r.statusCode(), r.asString());
                    String into = r.path("mergedInto");
                    if (into == null) {
                        firsts.add(r.path("id"));
                    } else {
                        mergedInto.add(into);
                    }
                }
                assertEquals(1, firsts.size(), "one first report, not " + firsts);
                assertEquals(java.util.Set.of(firsts.get(0)), mergedInto);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void categoriesAreDataWithCodesNamesAndLimitsAndOnlyAdminsChangeThem() {
        given().get("/categories").then().statusCode(200)
                .body("find { it.key == 'environment.garbage' }.code", equalTo("0101"))
                .body("find { it.key == 'environment.garbage' }.nameZh", equalTo("暴露垃圾"))
                .body("find { it.key == 'environment.garbage' }.kind", equalTo("EVENT"))
                .body("find { it.key == 'road.pothole' }.kind", equalTo("COMPONENT"))
                .body("find { it.key == 'emergency.fire' }.urgency", equalTo("URGENT"))
                .body("find { it.key == 'emergency.fire' }.urgentHours", equalTo(1));
        given().queryParam("kind", "COMPONENT").get("/categories").then().statusCode(200)
                .body("kind", not(hasItem("EVENT")));

        String body = "{\"kind\":\"EVENT\",\"code\":\"0904\",\"nameZh\":\"助残服务\",\"nameEn\":\"Disability support\","
                + "\"parentKey\":\"livelihood\",\"timeLimitDays\":4}";
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(body).put("/categories/livelihood.disability").then().statusCode(403);
        given().contentType(ContentType.JSON).body(body).put("/categories/livelihood.disability").then().statusCode(401);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).put("/categories/livelihood.disability").then()
                .statusCode(200).body("version", equalTo(0)).body("updatedBy", equalTo("admin-1"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body.replace("4}", "2}"))
                .put("/categories/livelihood.disability").then().statusCode(200).body("version", equalTo(1)).body("timeLimitDays", equalTo(2));
        given().auth().oauth2(ADMIN).get("/categories/livelihood.disability/history").then().statusCode(200).body("$", hasSize(2));
        // a report gets the category's urgency and limit
        String id = post(RESIDENT, "{\"category\":\"livelihood.disability\",\"description\":\"需要轮椅\",\"address\":\"汤泉路9号\"}")
                .statusCode(201).body("urgency", equalTo("NORMAL")).extract().path("id");
        assertTrue(id != null);
        post(WORKER, "{\"category\":\"emergency.gas-leak\",\"description\":\"闻到燃气味\",\"address\":\"汤泉路10号\"}")
                .statusCode(201).body("urgency", equalTo("URGENT"));

        // bad edits name the field
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body.replace("\"0904\"", "\"0104\""))
                .put("/categories/livelihood.other-thing").then().statusCode(400).body("errors.field", hasItem("code"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body.replace("\"livelihood\"", "\"nowhere\""))
                .put("/categories/nowhere.x").then().statusCode(400).body("errors.field", hasItem("parentKey"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body.replace("\"EVENT\"", "\"PLANET\""))
                .put("/categories/livelihood.y").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\":\"EVENT\",\"code\":\"0905\",\"nameZh\":\"急\",\"nameEn\":\"U\",\"parentKey\":\"livelihood\",\"urgency\":\"URGENT\"}")
                .put("/categories/livelihood.urgent").then().statusCode(400).body("errors[0].field", equalTo("urgentHours"));

        // unknown, big and retired categories are refused at intake, naming the field
        post(RESIDENT, "{\"category\":\"environment.unicorns\",\"description\":\"x\",\"address\":\"a\"}").statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("category"));
        post(RESIDENT, "{\"category\":\"environment\",\"description\":\"x\",\"address\":\"a\"}").statusCode(400)
                .body("errors[0].field", equalTo("category")).body("errors[0].reason", containsString("big class"));
        given().auth().oauth2(ADMIN).delete("/categories/livelihood.disability").then().statusCode(200).body("active", equalTo(false));
        post(RESIDENT, "{\"category\":\"livelihood.disability\",\"description\":\"x\",\"address\":\"a\"}").statusCode(400)
                .body("errors[0].reason", containsString("no longer in use"));
        given().auth().oauth2(RESIDENT).get("/events/" + id).then().statusCode(200).body("category", equalTo("livelihood.disability"));
    }

    @Test
    void residentsReportsWaitFor立案AndAreAcceptedRejectedOrMerged() {
        String a = post(RESIDENT, "{\"category\":\"street-order.illegal-parking\",\"description\":\"占用消防通道\",\"address\":\"汤泉路20号\"}")
                .statusCode(201).body("status", equalTo("REPORTED")).extract().path("id");
        String b = post(RESIDENT, "{\"category\":\"street-order.illegal-parking\",\"description\":\"又停了\",\"address\":\"汤泉路20号\"}")
                .statusCode(201).extract().path("id");
        String c = post(RESIDENT, "{\"category\":\"street-order.illegal-parking\",\"description\":\"测试\",\"address\":\"不存在的地方\"}")
                .statusCode(201).extract().path("id");
        String acceptance = "/events/%s/acceptance";
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}").post(acceptance.formatted(a))
                .then().statusCode(403);
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"REJECT\"}").post(acceptance.formatted(c))
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"REJECT\",\"reason\":\"地址不在本街道\"}")
                .post(acceptance.formatted(c)).then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("rejectReason", equalTo("地址不在本街道"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}").post(acceptance.formatted(c))
                .then().statusCode(409).body("detail", containsString("REJECTED"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}").post(acceptance.formatted(a))
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"MERGE\"}").post(acceptance.formatted(b))
                .then().statusCode(400).body("errors[0].field", equalTo("mergeInto"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"MERGE\",\"mergeInto\":\"" + UUID.randomUUID() + "\"}")
                .post(acceptance.formatted(b)).then().statusCode(400).body("errors[0].field", equalTo("mergeInto"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"MERGE\",\"mergeInto\":\"" + c + "\"}")
                .post(acceptance.formatted(b)).then().statusCode(409).body("detail", containsString("REJECTED"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"decision\":\"MERGE\",\"mergeInto\":\"" + a + "\"}")
                .post(acceptance.formatted(b)).then().statusCode(200).body("status", equalTo("MERGED")).body("mergedInto", equalTo(a));
        given().auth().oauth2(OPERATOR).get("/events/" + a).then().body("duplicates", equalTo(List.of(b)));

        List<String> types = TopicReader.read(bootstrap(), Topics.EVENT_LIFECYCLE, r -> c.equals(r.key()), 2, Duration.ofSeconds(20))
                .stream().map(r -> r.event().getType()).toList();
        assertEquals(List.of(EventType.EVENT_REPORTED.type(), EventType.EVENT_REJECTED.type()), types);
        // rejected and merged reports are not on the board and not counted as cases
        given().auth().oauth2(OPERATOR).queryParam("status", "REJECTED").get("/events").then().body("id", hasItem(c));
    }

    @Test
    void aSecondReportOfTheSameProblemNearbyIsMergedAndItsReporterFollowsUpTheFirst() {
        String first = post(RESIDENT, "{\"category\":\"environment.open-burning\",\"description\":\"有人焚烧垃圾\","
                + "\"location\":{\"latitude\":26.1,\"longitude\":119.3}}").statusCode(201).extract().path("id");
        String neighbour = JwtKeys.forTests().token("resident-dup", "resident");
        // 30 m away, same category: merged
        String second = post(neighbour, "{\"category\":\"environment.open-burning\",\"description\":\"烟很大\","
                + "\"location\":{\"latitude\":26.10027,\"longitude\":119.3}}").statusCode(201)
                .body("status", equalTo("MERGED")).body("mergedInto", equalTo(first))
                .body("timeline.action", equalTo(List.of("REPORT", "MERGE"))).extract().path("id");
        // 200 m away, or another category: a problem of its own
        post(neighbour, "{\"category\":\"environment.open-burning\",\"description\":\"另一处\","
                + "\"location\":{\"latitude\":26.1018,\"longitude\":119.3}}").statusCode(201).body("status", equalTo("REPORTED"));
        post(neighbour, "{\"category\":\"environment.garbage\",\"description\":\"垃圾\","
                + "\"location\":{\"latitude\":26.10027,\"longitude\":119.3}}").statusCode(201).body("mergedInto", nullValue());

        // the second reporter reads the first report (its public view) and rates it at follow-up
        given().auth().oauth2(neighbour).get("/events/" + first).then().statusCode(200);
        EventLifecycleTest.accept(first);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, first, EventLifecycleTest.dispatch(first, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + first)
                .then().body("status", equalTo("DISPATCHED")));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"已劝阻并扑灭\"}").post("/events/" + first + "/resolution")
                .then().statusCode(200);
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":true}").post("/events/" + first + "/verification")
                .then().statusCode(200);
        // the follow-up queue names every reporter of the problem
        given().auth().oauth2(OPERATOR).get("/events/follow-ups").then().statusCode(200)
                .body("find { it.id == '" + first + "' }.reporters", equalTo(List.of("resident-7", "resident-dup")));
        given().auth().oauth2(JwtKeys.forTests().token("resident-stranger", "resident")).contentType(ContentType.JSON)
                .body("{\"satisfaction\":\"SATISFIED\"}").post("/events/" + first + "/follow-up").then().statusCode(404);
        // her answer counts, on her own report; the first reporter's answer closes the case
        given().auth().oauth2(neighbour).contentType(ContentType.JSON).body("{\"satisfaction\":\"SATISFIED\"}")
                .post("/events/" + first + "/follow-up").then().statusCode(200).body("status", equalTo("VERIFIED"));
        given().auth().oauth2(neighbour).get("/events/" + second).then().body("satisfaction", equalTo("SATISFIED"));
        given().auth().oauth2(RESIDENT).contentType(ContentType.JSON).body("{\"satisfaction\":\"SATISFIED\"}")
                .post("/events/" + first + "/follow-up").then().statusCode(200).body("status", equalTo("CLOSED"));
        given().auth().oauth2(neighbour).get("/events/" + second).then().body("mergedInto", equalTo(first));
    }

    @Test
    void evidenceIsUploadedCheckedAndShownOnItsStep() throws Exception {
        byte[] jpeg = "\u00ff\u00d8\u00ff a tiny photo".getBytes(StandardCharsets.ISO_8859_1);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg));
        Map<String, Object> meta = given().auth().oauth2(RESIDENT).contentType("image/jpeg").body(jpeg).post("/evidence").then()
                .statusCode(201).body("sha256", equalTo(sha)).body("size", equalTo(jpeg.length))
                .body("contentType", equalTo("image/jpeg")).extract().path("$");
        String url = (String) meta.get("url");
        byte[] back = given().auth().oauth2(RESIDENT).get(url).then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        // nobody else reads it before it is attached to an event they may read
        given().auth().oauth2(WORKER).get(url).then().statusCode(404);
        assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(back)));
        given().auth().oauth2(RESIDENT).contentType("application/x-msdownload").body(jpeg).post("/evidence").then().statusCode(415)
                .body("errors[0].field", equalTo("Content-Type"));
        given().auth().oauth2(RESIDENT).contentType("image/png").body(new byte[5000]).post("/evidence").then().statusCode(413);
        given().contentType("image/png").body(jpeg).post("/evidence").then().statusCode(401);

        String evidence = "[{\"url\":\"" + url + "\",\"contentType\":\"image/jpeg\",\"size\":" + jpeg.length + ",\"sha256\":\"" + sha + "\"}]";
        String id = post(RESIDENT, "{\"category\":\"utilities.manhole-cover\",\"description\":\"井盖缺失\",\"address\":\"汤泉路30号\","
                + "\"evidence\":" + evidence + "}").statusCode(201)
                .body("timeline[0].evidence[0].sha256", equalTo(sha)).extract().path("id");
        given().auth().oauth2(WORKER).get(url).then().statusCode(200);
        given().auth().oauth2(EventLifecycleTest.OTHER_RESIDENT).get(url).then().statusCode(404);
        // wrong type, too big, bad hash: named per item
        post(RESIDENT, "{\"category\":\"utilities.manhole-cover\",\"description\":\"x\",\"address\":\"a\",\"evidence\":["
                + "{\"url\":\"https://f/1.exe\",\"contentType\":\"application/x-msdownload\",\"size\":10,\"sha256\":\"" + sha + "\"},"
                + "{\"url\":\"https://f/2.jpg\",\"contentType\":\"image/jpeg\",\"size\":999999999,\"sha256\":\"" + sha + "\"}]}")
                .statusCode(400).body("errors.field", equalTo(List.of("evidence[0].contentType", "evidence[1].size")));
        post(RESIDENT, "{\"category\":\"utilities.manhole-cover\",\"description\":\"x\",\"address\":\"a\",\"evidence\":["
                + "{\"url\":\"https://f/1.jpg\",\"contentType\":\"image/jpeg\",\"size\":10,\"sha256\":\"abc\"}]}")
                .statusCode(400).body("errors[0].field", equalTo("evidence[0].sha256"));
        post(RESIDENT, "{\"category\":\"utilities.manhole-cover\",\"description\":\"" + "长".repeat(2001) + "\",\"address\":\"a\"}")
                .statusCode(400).body("errors[0].field", equalTo("description"));

        EventLifecycleTest.accept(id);
        TopicWriter.send(bootstrap(), Topics.ESCALATION_TASKS, id, EventLifecycleTest.dispatch(id, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(RESIDENT).get("/events/" + id)
                .then().body("status", equalTo("DISPATCHED")));
        // the handler attaches her own photo, not the reporter's
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"已补装\",\"evidence\":" + evidence + "}")
                .post("/events/" + id + "/resolution").then().statusCode(400).body("errors[0].field", equalTo("evidence[0].url"));
        Map<String, Object> mine = given().auth().oauth2(WORKER).contentType("image/jpeg").body(jpeg).post("/evidence").then()
                .statusCode(201).extract().path("$");
        String own = "[{\"url\":\"" + mine.get("url") + "\",\"contentType\":\"image/jpeg\",\"size\":" + jpeg.length + ",\"sha256\":\"" + sha + "\"}]";
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"已补装\",\"evidence\":" + own + "}")
                .post("/events/" + id + "/resolution").then().statusCode(200)
                .body("timeline.find { it.action == 'RESOLVE' }.evidence[0].url", equalTo(mine.get("url")));
        Map<String, Object> theirs = given().auth().oauth2(VERIFIER).contentType("image/jpeg").body(jpeg).post("/evidence").then()
                .statusCode(201).extract().path("$");
        String verifierOwn = "[{\"url\":\"" + theirs.get("url") + "\",\"contentType\":\"image/jpeg\",\"size\":" + jpeg.length + ",\"sha256\":\"" + sha + "\"}]";
        given().auth().oauth2(VERIFIER).contentType(ContentType.JSON).body("{\"passed\":true,\"evidence\":" + verifierOwn + "}")
                .post("/events/" + id + "/verification").then().statusCode(200)
                .body("timeline.find { it.action == 'VERIFY' }.evidence", hasSize(1));
    }

    @Test
    void aGridWorkerSolvesAProblemOnTheSpotInOneStep() {
        String id = post(WORKER, "{\"category\":\"advertising.illegal-ads\",\"description\":\"电线杆小广告\",\"address\":\"汤泉路40号\","
                + "\"solvedOnSpot\":{\"note\":\"已当场清除\",\"evidence\":[" + photo() + "]}}").statusCode(201)
                .body("status", equalTo("CLOSED")).body("itemType", equalTo("IMMEDIATE")).body("channel", equalTo("GRID_PATROL"))
                .body("timeline.action", equalTo(List.of("REPORT", "ACCEPT", "SOLVE_ON_SPOT", "VERIFY", "CLOSE_WITHOUT_FOLLOW_UP")))
                .body("timeline[2].evidence[0].sha256", equalTo(PHOTO_SHA)).extract().path("id");
        List<TopicReader.Received> lifecycle = TopicReader.read(bootstrap(), Topics.EVENT_LIFECYCLE, r -> id.equals(r.key()), 5,
                Duration.ofSeconds(20));
        assertEquals(EventType.EVENT_SOLVED_ON_SPOT.type(), lifecycle.get(2).event().getType());
        assertTrue(new String(lifecycle.get(1).event().getData().toBytes(), StandardCharsets.UTF_8).contains("\"itemType\":\"IMMEDIATE\""));

        post(RESIDENT, "{\"category\":\"advertising.illegal-ads\",\"description\":\"x\",\"address\":\"a\","
                + "\"solvedOnSpot\":{\"note\":\"n\",\"evidence\":[" + photo() + "]}}").statusCode(403);
        post(WORKER, "{\"category\":\"advertising.illegal-ads\",\"description\":\"x\",\"address\":\"a\","
                + "\"solvedOnSpot\":{\"note\":\"n\",\"evidence\":[]}}").statusCode(400)
                .body("errors[0].field", equalTo("solvedOnSpot.evidence"));
        // a grid worker's ordinary report is accepted at once
        post(WORKER, "{\"category\":\"greenery.street-tree\",\"description\":\"树枝折断\",\"address\":\"汤泉路41号\"}").statusCode(201)
                .body("status", equalTo("ACCEPTED")).body("channel", equalTo("GRID_PATROL"));
    }

    @Test
    void aHotlineOperatorFilesACallWhoseCallerStaysInsideEventService() {
        String ticket = "T" + UUID.randomUUID().toString().substring(0, 8);
        String call = "{\"category\":\"public-order.noise\",\"description\":\"楼上深夜装修\",\"address\":\"汤泉路50号3栋\","
                + "\"caller\":{\"name\":\"王女士\",\"phone\":\"13812345678\",\"ticket\":\"" + ticket + "\"}}";
        post(RESIDENT, call).statusCode(403);
        String id = post(OPERATOR, call).statusCode(201).body("channel", equalTo("HOTLINE_12345")).body("status", equalTo("ACCEPTED"))
                .body("reporterId", equalTo("12345:" + ticket)).body("caller.phone", equalTo("138****5678"))
                .body("caller.name", equalTo("王**")).extract().path("id");
        post(OPERATOR, call.replace("深夜", "凌晨")).statusCode(409).body("errors[0].field", equalTo("caller.ticket"));
        post(OPERATOR, call.replace("13812345678", "12345")).statusCode(400).body("errors[0].field", equalTo("caller.phone"));
        given().auth().oauth2(OPERATOR).get("/events/" + id + "/caller").then().statusCode(200).body("phone", equalTo("13812345678"))
                .body("name", equalTo("王女士"));
        // the read in clear is on the PIPL log, which admins query as grid-service's
        given().auth().oauth2(ADMIN).queryParam("event", id).get("/audit/pii").then().statusCode(200)
                .body("[0].reader", equalTo("operator-1")).body("[0].eventId", equalTo(id));
        given().auth().oauth2(OPERATOR).get("/audit/pii").then().statusCode(403);
        given().auth().oauth2(WORKER).get("/events/" + id + "/caller").then().statusCode(403);
        given().auth().oauth2(WORKER).get("/events/" + id).then().statusCode(200).body("caller", nullValue());
        for (TopicReader.Received r : TopicReader.read(bootstrap(), Topics.EVENT_LIFECYCLE, r -> id.equals(r.key()), 2,
                Duration.ofSeconds(20))) {
            String data = new String(r.event().getData().toBytes(), StandardCharsets.UTF_8);
            assertFalse(data.contains("13812345678") || data.contains("王女士"), "caller on Kafka: " + data);
        }
    }

    static io.cloudevents.CloudEvent partnerReport(String externalId, String category) {
        String json = ("{\"partner\":\"police-110\",\"externalId\":\"%s\",\"category\":\"%s\",\"description\":\"群众报警：路口打架\","
                + "\"latitude\":26.2,\"longitude\":119.4,\"address\":\"汤泉路与南阳路口\",\"evidence\":[" + photo() + "]}")
                .formatted(externalId, category);
        return TopicWriter.event(null, "/partners/police-110", EventType.PARTNER_REPORT_SUBMITTED.type(), externalId, json);
    }

    @Test
    void partnerSystemsReportOverKafkaOnceEachAndBadReportsAreDeadLettered() {
        PartnerTopicTest.register("police-110");
        String topic = Topics.partnerReports("police-110");
        String ext = "110-" + UUID.randomUUID();
        TopicWriter.send(bootstrap(), topic, ext, partnerReport(ext, "public-order.dispute"));
        TopicWriter.send(bootstrap(), topic, ext, partnerReport(ext, "public-order.dispute")); // resent
        String bad = "110-" + UUID.randomUUID();
        TopicWriter.send(bootstrap(), topic, bad, partnerReport(bad, "public-order.unicorns"));
        String garbled = "110-" + UUID.randomUUID();
        TopicWriter.send(bootstrap(), topic, garbled, TopicWriter.event(null, "/partners/police-110",
                EventType.PARTNER_REPORT_SUBMITTED.type(), garbled, "{\"partner\": [1, 2"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(OPERATOR)
                .queryParam("category", "public-order.dispute").get("/events").then().statusCode(200)
                .body("findAll { it.externalId == '" + ext + "' }", hasSize(1))
                .body("find { it.externalId == '" + ext + "' }.channel", equalTo("PARTNER"))
                .body("find { it.externalId == '" + ext + "' }.status", equalTo("ACCEPTED"))
                .body("find { it.externalId == '" + ext + "' }.reporterId", equalTo("partner:police-110")));
        List<TopicReader.Received> dead = TopicReader.read(bootstrap(), Topics.deadLetter(PartnerReportConsumer.NAME),
                r -> bad.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, dead.size());
        assertTrue(new String(dead.get(0).record().headers().lastHeader("dlt_reason").value(), StandardCharsets.UTF_8)
                .contains("category"));
        List<TopicReader.Received> unreadable = TopicReader.read(bootstrap(), Topics.deadLetter(PartnerReportConsumer.NAME),
                r -> garbled.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, unreadable.size(), "an unreadable report is dead-lettered at once");
        assertTrue(new String(unreadable.get(0).record().headers().lastHeader("dlt_reason").value(), StandardCharsets.UTF_8)
                .startsWith("rejected: not a PartnerReportV1"));
    }

    @jakarta.inject.Inject
    org.gridgov.event.evidence.EvidencePurge purge;

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    static String upload(String token, byte[] bytes) {
        return given().auth().oauth2(token).contentType("image/jpeg").body(bytes).post("/evidence").then().statusCode(201)
                .extract().path("url");
    }

    /**
     * A file is attached only by its uploader (citing it would grant access to it), its bytes must be what its
     * type says, it is served with nosniff, a user's uploads have a quota, and files never attached are purged.
     */
    @Test
    void onlyItsUploaderAttachesAFileWhoseBytesMatchItsTypeAndFilesNeverAttachedArePurged() throws Exception {
        byte[] jpeg = "\u00ff\u00d8\u00ff\u00e0 my photo".getBytes(StandardCharsets.ISO_8859_1);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg));
        String url = upload(RESIDENT, jpeg);
        given().auth().oauth2(RESIDENT).get(url).then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        String evidence = "[{\"url\":\"" + url + "\",\"contentType\":\"image/jpeg\",\"size\":" + jpeg.length + ",\"sha256\":\"" + sha + "\"}]";
        // another resident cites it to read it through her own report: refused, and it stays unreadable to her
        post(EventLifecycleTest.OTHER_RESIDENT, "{\"category\":\"utilities.manhole-cover\",\"description\":\"借用照片\","
                + "\"address\":\"汤泉路31号\",\"evidence\":" + evidence + "}").statusCode(400)
                .body("errors[0].field", equalTo("evidence[0].url"));
        given().auth().oauth2(EventLifecycleTest.OTHER_RESIDENT).get(url).then().statusCode(404);
        // an HTML page declared as a photo
        given().auth().oauth2(RESIDENT).contentType("image/jpeg").body("<html><script>x</script></html>".getBytes(StandardCharsets.UTF_8))
                .post("/evidence").then().statusCode(415).body("errors[0].field", equalTo("body"));

        post(RESIDENT, "{\"category\":\"utilities.manhole-cover\",\"description\":\"井盖松动\",\"address\":\"汤泉路32号\","
                + "\"evidence\":" + evidence + "}").statusCode(201);
        String stray = upload(RESIDENT, "\u00ff\u00d8\u00ff\u00e0 never attached".getBytes(StandardCharsets.ISO_8859_1));
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update evidence set uploaded_at = uploaded_at - interval '2 days' where url in (?1, ?2)")
                .setParameter(1, url).setParameter(2, stray).executeUpdate());
        purge.purge(java.time.OffsetDateTime.now().minusHours(24));
        given().auth().oauth2(RESIDENT).get(stray).then().statusCode(404);
        given().auth().oauth2(RESIDENT).get(url).then().statusCode(200);

        // 4 KiB files against a 64 KiB quota a day (test settings)
        String uploader = JwtKeys.forTests().token("resident-uploader", "resident");
        byte[] big = new byte[4000];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        int taken = 0;
        while (given().auth().oauth2(uploader).contentType("image/jpeg").body(big).post("/evidence").then().extract().statusCode() == 201) {
            taken++;
            assertTrue(taken <= 16, "the quota stops a user's uploads");
        }
        assertEquals(16, taken);
        given().auth().oauth2(uploader).contentType("image/jpeg").body(big).post("/evidence").then().statusCode(429);
    }
}
