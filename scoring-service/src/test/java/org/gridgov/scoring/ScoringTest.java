package org.gridgov.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ScoringTest {
    static final String SCORER = JwtKeys.forTests().token("scorer-1", java.util.Set.of("scorer"),
            java.util.Map.of("district", java.util.List.of("350182")));

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static CloudEvent lifecycle(EventType type, String eventId, String previous, String satisfaction, Boolean onTime) {
        EventLifecycleV1 fact = new EventLifecycleV1(java.util.UUID.fromString(eventId), "X", previous, "environment.garbage", null, null,
                null, "350182401001001", null, null, "resident-9", null, null, null, null, satisfaction, onTime, null,
                java.time.OffsetDateTime.parse("2026-03-31T17:00:00Z"), null, null, null, null, null, null);
        return Fixtures.lifecycle(null, type, fact);
    }

    @Test
    void factsOfTheLoopAreCreditedOnceAndTraceable() {
        String eventId = UUID.randomUUID().toString();
        CloudEvent dispatched = lifecycle(EventType.EVENT_ACCEPTED, eventId, "REPORTED", null, null);
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, dispatched);
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId, dispatched); // redelivered
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId,
                lifecycle(EventType.EVENT_DISPATCHED, eventId, "REOPENED", null, null)); // a re-dispatch earns nothing
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, eventId,
                lifecycle(EventType.EVENT_CLOSED, eventId, "FOLLOWED_UP", "SATISFIED", true));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(SCORER)
                .queryParam("sourceRef", eventId).get("/ledger").then().statusCode(200).body("$", hasSize(7)));
        given().auth().oauth2(SCORER).queryParam("sourceRef", eventId).get("/ledger").then()
                .body("find { it.rule == 'valid-report@1' }.subject", equalTo("USER:resident-9"))
                .body("find { it.rule == 'valid-report@1' }.sourceEvent", equalTo(dispatched.getId()))
                .body("find { it.rule == 'closed-satisfied@1' }.points", equalTo(2))
                .body("find { it.rule == 'resolved-on-time@1' }.subject", equalTo("GRID:350182401001001"))
                // the grid's community and street are credited by rules of their own
                .body("find { it.rule == 'community-on-time@1' }.subject", equalTo("COMMUNITY:350182401001"))
                .body("find { it.rule == 'street-satisfied@1' }.subject", equalTo("STREET:350182401"))
                // 17:00 UTC on March 31 is April 1 in Shanghai
                .body("[0].period", equalTo("2026-04"));
        given().auth().oauth2(SCORER).get("/ledger/balances/GRID:350182401001001").then()
                .body("points", equalTo(3)).body("entries", equalTo(2));
        given().auth().oauth2(SCORER).get("/ledger/summary").then().body("duplicateCredits", equalTo(0));
    }

    @Test
    void theLedgerIsForScorers() {
        given().auth().oauth2(JwtKeys.forTests().token("r", "resident")).get("/ledger").then().statusCode(403);
    }
}
