package org.gridgov.escalation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Tier;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.escalation.task.LifecycleConsumer;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** An admin re-drives dead letters once their cause is fixed; the relay parks a row the broker refuses for good. */
@QuarkusTest
class MessagingFaultsTest {
    static final String ADMIN = JwtKeys.forTests().token("admin", java.util.Set.of("admin"), Map.of());

    @Inject
    EntityManager em;

    /** A lifecycle message on the consumer's dead-letter topic, as a consumer parks it (CloudEvent headers kept). */
    static void deadLettered(CloudEvent ce, String key) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DispatchTest.bootstrap());
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(p, new StringSerializer(), new CloudEventSerializer())) {
            ProducerRecord<String, CloudEvent> r = new ProducerRecord<>(Topics.deadLetter(LifecycleConsumer.NAME), key, ce);
            r.headers().add("dlt_reason", "a bug since fixed".getBytes(StandardCharsets.UTF_8));
            r.headers().add("dlt_origin", (Topics.EVENT_LIFECYCLE + "/0@1").getBytes(StandardCharsets.UTF_8));
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReDriveProcessesWhatWaitsOnceAndTwiceChangesNothing() {
        String eventId = UUID.randomUUID().toString();
        CloudEvent accepted = DispatchTest.lifecycle(EventType.EVENT_ACCEPTED, eventId, "ACCEPTED");
        deadLettered(accepted, eventId);
        Map<String, Object> first = given().auth().oauth2(ADMIN).post("/admin/messaging/dead-letters/" + LifecycleConsumer.NAME + "/redrive")
                .then().statusCode(200).extract().path("$");
        assertTrue(((Number) first.get("processed")).intValue() >= 1, first.toString());
        given().auth().oauth2(DispatchTest.STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200).body("$", hasSize(1));
        // again: nothing new is read; the same message dead-lettered once more is a duplicate for the inbox
        given().auth().oauth2(ADMIN).post("/admin/messaging/dead-letters/" + LifecycleConsumer.NAME + "/redrive")
                .then().statusCode(200).body("read", equalTo(0));
        deadLettered(accepted, eventId);
        given().auth().oauth2(ADMIN).post("/admin/messaging/dead-letters/" + LifecycleConsumer.NAME + "/redrive")
                .then().statusCode(200).body("read", equalTo(1)).body("duplicates", equalTo(1)).body("processed", equalTo(0));
        given().auth().oauth2(DispatchTest.STAFF).get("/tasks/by-event/" + eventId).then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(ADMIN).get("/admin/messaging/dead-letters").then().statusCode(200)
                .body("find { it.consumer == '" + LifecycleConsumer.NAME + "' }.waiting", equalTo(0));
    }

    @Test
    void aRowTheBrokerRefusesForGoodIsParkedAndTheRowsBehindItGoOut() {
        UUID big = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        String huge = Messages.json(new TaskDeadlineV1(UUID.randomUUID(), UUID.randomUUID(), "GRID:350182301001001", Tier.GRID, now, now,
                now, "x".repeat(2_000_000)));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into outbox_message (event_id, topic, message_key, ce_type, "
                + "ce_source, ce_time, payload) values (?1, ?2, 'k', ?3, '/gridgov/escalation-service', now(), ?4)")
                .setParameter(1, big).setParameter(2, Topics.ESCALATION_TASKS).setParameter(3, EventType.TASK_WARNING.type())
                .setParameter(4, huge).executeUpdate());
        // a dispatch written after it still goes out
        String eventId = UUID.randomUUID().toString();
        org.gridgov.testkit.TopicWriter.send(DispatchTest.bootstrap(), Topics.EVENT_LIFECYCLE, eventId,
                DispatchTest.lifecycle(EventType.EVENT_ACCEPTED, eventId, "ACCEPTED"));
        List<TopicReader.Received> out = TopicReader.read(DispatchTest.bootstrap(), Topics.ESCALATION_TASKS,
                r -> eventId.equals(r.key()), 1, Duration.ofSeconds(60));
        assertEquals(1, out.size(), "the dispatch behind the refused row was published");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/admin/messaging/outbox/parked")
                .then().statusCode(200).body("find { it.eventId == '" + big + "' }.error", org.hamcrest.Matchers.containsString("RecordTooLarge")));
        // once the cause is fixed (here: it is not) an admin sends it again; it is parked again
        given().auth().oauth2(ADMIN).post("/admin/messaging/outbox/parked/" + big + "/resend").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from outbox_message where event_id = ?1")
                .setParameter(1, big).executeUpdate());
    }
}
