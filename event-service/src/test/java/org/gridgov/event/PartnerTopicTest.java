package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.ADMIN;
import static org.gridgov.event.EventLifecycleTest.OPERATOR;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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

/**
 * Partner systems isolated like departments: each writes its own topic, the topic names the sender, and
 * a spoofed sender, an unknown or a revoked partner is dead-lettered, with real Kafka.
 */
@QuarkusTest
class PartnerTopicTest {

    /** Registers a partner unless it is already (tests share the database). */
    static void register(String code) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"code\":\"" + code + "\",\"name\":\"测试伙伴 " + code + "\"}")
                .post("/admin/partners").then().statusCode(anyOf(equalTo(201), equalTo(409)));
    }

    static io.cloudevents.CloudEvent report(String partner, String externalId, double lat) {
        String json = ("{" + (partner == null ? "" : "\"partner\":\"" + partner + "\",") + "\"externalId\":\"%s\",\"category\":\"public-order.noise\","
                + "\"description\":\"伙伴系统报告：夜间施工噪音\",\"latitude\":%s,\"longitude\":119.31}").formatted(externalId, lat);
        return TopicWriter.event(null, "/partners/test", EventType.PARTNER_REPORT_SUBMITTED.type(), externalId, json);
    }

    static String reason(TopicReader.Received r) {
        return new String(r.record().headers().lastHeader("dlt_reason").value(), StandardCharsets.UTF_8);
    }

    @Test
    void theRegistryIsForAdminsAndChecksItsInput() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"code\":\"Bad Code\",\"name\":\"x\"}").post("/admin/partners")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"code\":\"no-name\"}").post("/admin/partners")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"code\":\"sneaky\",\"name\":\"x\"}").post("/admin/partners")
                .then().statusCode(403);
        String code = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"code\":\"" + code + "\",\"name\":\"烟感报警平台\"}").post("/admin/partners")
                .then().statusCode(201).body("topic", equalTo("gridgov.partner." + code + ".report.v1")).body("name", equalTo("烟感报警平台"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"code\":\"" + code + "\",\"name\":\"again\"}").post("/admin/partners")
                .then().statusCode(409);
        given().auth().oauth2(ADMIN).get("/admin/partners").then().statusCode(200).body("code", hasItem(code));
        given().auth().oauth2(ADMIN).delete("/admin/partners/" + code).then().statusCode(200).body("revokedAt", notNullValue());
        given().auth().oauth2(ADMIN).get("/admin/partners/nobody-here").then().statusCode(404);
    }

    @Test
    void aPartnerReportsOnItsOwnTopicAndSpoofedUnknownOrRevokedSendersAreDeadLettered() {
        register("iot-smoke");
        register("police-110");
        String revoked = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        register(revoked);
        given().auth().oauth2(ADMIN).delete("/admin/partners/" + revoked).then().statusCode(200);

        String own = "own-" + UUID.randomUUID();
        String anonymous = "anon-" + UUID.randomUUID();
        String spoofed = "spoof-" + UUID.randomUUID();
        String unknown = "unknown-" + UUID.randomUUID();
        String afterRevocation = "revoked-" + UUID.randomUUID();
        TopicWriter.send(bootstrap(), Topics.partnerReports("iot-smoke"), own, report("iot-smoke", own, 26.31));
        // the payload may leave the partner out: the topic says who sent it
        TopicWriter.send(bootstrap(), Topics.partnerReports("iot-smoke"), anonymous, report(null, anonymous, 26.33));
        // iot-smoke writes in police-110's name
        TopicWriter.send(bootstrap(), Topics.partnerReports("iot-smoke"), spoofed, report("police-110", spoofed, 26.35));
        TopicWriter.send(bootstrap(), Topics.partnerReports("nobody-registered"), unknown, report("nobody-registered", unknown, 26.37));
        TopicWriter.send(bootstrap(), Topics.partnerReports(revoked), afterRevocation, report(revoked, afterRevocation, 26.39));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(OPERATOR)
                .queryParam("category", "public-order.noise").get("/events").then().statusCode(200)
                .body("findAll { it.externalId == '" + own + "' }", hasSize(1))
                .body("find { it.externalId == '" + own + "' }.reporterId", equalTo("partner:iot-smoke"))
                .body("find { it.externalId == '" + own + "' }.channel", equalTo("PARTNER"))
                .body("find { it.externalId == '" + anonymous + "' }.reporterId", equalTo("partner:iot-smoke")));

        String dlt = Topics.deadLetter(PartnerReportConsumer.NAME);
        Set<String> bad = Set.of(spoofed, unknown, afterRevocation);
        List<TopicReader.Received> dead = TopicReader.read(bootstrap(), dlt, r -> bad.contains(r.key()), 3, Duration.ofSeconds(30));
        assertEquals(3, dead.size(), "spoofed, unknown and revoked are dead-lettered");
        for (TopicReader.Received r : dead) {
            String why = reason(r);
            if (r.key().equals(spoofed)) {
                assertTrue(why.contains("from partner iot-smoke, not police-110"), why);
            } else {
                assertTrue(why.contains("unknown or revoked partner"), why);
            }
        }
        // none of them became an event, in either partner's name
        given().auth().oauth2(ADMIN).queryParam("category", "public-order.noise").get("/events").then().statusCode(200)
                .body("findAll { it.externalId == '" + spoofed + "' || it.externalId == '" + unknown + "' || it.externalId == '"
                        + afterRevocation + "' }", hasSize(0));
        // nothing valid is dead-lettered
        assertEquals(List.of(), TopicReader.read(bootstrap(), dlt, r -> own.equals(r.key()) || anonymous.equals(r.key()), 1, Duration.ofSeconds(3)));
        // the admin sees them waiting
        given().auth().oauth2(ADMIN).get("/admin/messaging/dead-letters").then().statusCode(200)
                .body("find { it.consumer == '" + PartnerReportConsumer.NAME + "' }.waiting", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        // the shared topic of earlier versions is read no more
        String shared = "shared-" + UUID.randomUUID();
        TopicWriter.send(bootstrap(), "gridgov.partner.report.v1", shared, report("iot-smoke", shared, 26.41));
        assertEquals(List.of(), TopicReader.read(bootstrap(), dlt, r -> shared.equals(r.key()), 1, Duration.ofSeconds(3)));
        given().auth().oauth2(JwtKeys.forTests().token("admin-2", "admin")).queryParam("category", "public-order.noise").get("/events").then()
                .body("findAll { it.externalId == '" + shared + "' }", hasSize(0));
    }
}
