package org.gridgov.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gridgov.event.EventLifecycleTest.ADMIN;
import static org.gridgov.event.EventLifecycleTest.OPERATOR;
import static org.gridgov.event.EventLifecycleTest.bootstrap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridgov.testkit.suite.DemoIntegrations;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The local run as an integration target: what {@code ./run.sh} registers (test-kit
 * {@link DemoIntegrations}) lets an Open311 app post with the key in {@code .gridgov/open311-api-key}
 * and a demo partner report on its own topic, against the real service.
 */
@QuarkusTest
class LocalRunIntegrationTest {

    /** The README's ten-line Java partner, as printed there (only the bootstrap and the id are the test's). */
    static void readmeProducer(String bootstrap, String id) throws Exception {
        var props = java.util.Map.<String, Object>of("bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(props)) {
            var r = new ProducerRecord<>("gridgov.partner.police-110.report.v1", id, "{\"externalId\":\"" + id + "\","
                    + "\"category\":\"public-order.noise\",\"description\":\"夜间施工噪音\",\"latitude\":25.962,\"longitude\":119.522}");
            java.util.Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source", "/partners/police-110",
                    "ce_type", "org.gridgov.partner.report-submitted.v1", "content-type", "application/json")
                    .forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(r).get();
        }
    }

    @Test
    void theDemoApplicationAndPartnersWorkAsTheLocalRunRegistersThem() throws Exception {
        String url = "http://localhost:" + RestAssured.port;
        Path dir = Files.createTempDirectory("gridgov-local");
        Path keyFile = dir.resolve("open311-api-key");
        String key = DemoIntegrations.load(url, ADMIN, keyFile);
        assertEquals(key, Files.readString(keyFile).strip());
        // a second start keeps the key it wrote
        assertEquals(key, DemoIntegrations.load(url, ADMIN, keyFile));
        // a kept database without the key file: a new application, a new key
        Files.delete(keyFile);
        String again = DemoIntegrations.load(url, ADMIN, keyFile);
        assertNotEquals(key, again);
        given().auth().oauth2(ADMIN).get("/admin/partners").then().statusCode(200).body("code", hasItems("police-110", "iot-smoke"));

        // an Open311 app posts with the key from the file
        double[] p = Open311Test.spread();
        String id = Open311Test.client().contentType(Open311Test.FORM).formParam("api_key", Files.readString(keyFile).strip())
                .formParam("service_code", "environment.garbage").formParam("lat", p[0]).formParam("long", p[1])
                .formParam("description", "本地联调").post(Open311Test.BASE + "/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id");
        given().auth().oauth2(ADMIN).get("/events/" + id).then().statusCode(200).body("channel", equalTo("OPEN311"))
                .body("reporterId", startsWith("open311:" + DemoIntegrations.APP + "-"));

        // a demo partner reports on its own topic, as the README's command line does
        String ext = "local-" + UUID.randomUUID();
        readmeProducer(bootstrap(), ext);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(OPERATOR).queryParam("category", "public-order.noise")
                .get("/events").then().statusCode(200).body("findAll { it.externalId == '" + ext + "' }", hasSize(1))
                .body("find { it.externalId == '" + ext + "' }.reporterId", equalTo("partner:police-110")));
        assertTrue(Files.readString(keyFile).startsWith("o311_"));
    }
}
