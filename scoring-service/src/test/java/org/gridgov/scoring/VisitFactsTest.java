package org.gridgov.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.CoverageReachedV1;
import org.gridgov.common.contract.payload.VisitRecordedV1;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;

/** Visits and monthly coverage from grid-service's visit topic are credited once each. */
@QuarkusTest
class VisitFactsTest {
    static final String SCORER = JwtKeys.forTests().token("scorer-v", java.util.Set.of("scorer"),
            java.util.Map.of("district", java.util.List.of("350182")));

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @Test
    void aVisitCreditsTheVisitorAndFullCoverageCreditsTheGridOnce() {
        String visit = UUID.randomUUID().toString();
        String household = UUID.randomUUID().toString();
        CloudEvent recorded = TopicWriter.event(null, "/gridgov/grid-service", EventType.VISIT_RECORDED.type(), visit,
                Fixtures.json(new VisitRecordedV1(UUID.fromString(visit), UUID.fromString(household), "350182901001001", "cadre-77",
                        OffsetDateTime.parse("2026-11-20T02:00:00Z"), "ILLNESS", 0)));
        TopicWriter.send(bootstrap(), Topics.GRID_VISITS, household, recorded);
        TopicWriter.send(bootstrap(), Topics.GRID_VISITS, household, recorded); // redelivered
        // the same visit announced again under another CloudEvent id (e.g. a replay): still one credit
        TopicWriter.send(bootstrap(), Topics.GRID_VISITS, household, TopicWriter.event(null, "/gridgov/grid-service",
                EventType.VISIT_RECORDED.type(), visit, new String(recorded.getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        CloudEvent coverage = TopicWriter.event(null, "/gridgov/grid-service", EventType.COVERAGE_REACHED.type(), "350182901001001:2026-11",
                Fixtures.json(new CoverageReachedV1("350182901001001", "2026-11", 30, OffsetDateTime.parse("2026-11-20T02:00:00Z"))));
        TopicWriter.send(bootstrap(), Topics.GRID_VISITS, "350182901001001", coverage);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(SCORER)
                .queryParam("subject", "USER:cadre-77").get("/ledger").then().statusCode(200).body("$", hasSize(1))
                .body("[0].rule", equalTo("visit-made@1")).body("[0].sourceRef", equalTo("visit:" + visit))
                .body("[0].period", equalTo("2026-11")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(SCORER)
                .queryParam("subject", "GRID:350182901001001").get("/ledger").then().statusCode(200).body("$", hasSize(1))
                .body("[0].rule", equalTo("monthly-coverage@1")).body("[0].points", equalTo(5)));
    }
}
