package org.gridgov.scoring;

import static org.awaitility.Awaitility.await;
import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Individuals' classes come from grid-service's people (person-upserted on the registry topic). */
@QuarkusTest
class PeopleClassesTest {

    static void person(String id, String role, String cadreClass, String grid, String updatedAt) {
        String json = Fixtures.json(new org.gridgov.common.contract.payload.PersonUpsertedV1(id, role, cadreClass, "ACTIVE", List.of(grid),
                java.time.OffsetDateTime.parse(updatedAt)));
        TopicWriter.send(Fixtures.bootstrap(), Topics.GRID_REGISTRY, "person:" + id,
                TopicWriter.event(null, "/gridgov/grid-service", EventType.PERSON_UPSERTED.type(), id, json));
    }

    @Test
    void aPersonsClassFollowsTheirRecordInGridService() {
        String secretary = "pc-" + Fixtures.uid(), party = "pc-" + Fixtures.uid(), worker = "pc-" + Fixtures.uid();
        String grid = "350182407001001";
        person(secretary, "CADRE", "CADRE_SECRETARY", grid, "2026-09-01T02:00:00Z");
        person(party, "PARTY_MEMBER", null, grid, "2026-09-01T02:00:00Z");
        person(worker, "GRID_LEADER", null, grid, "2026-09-01T02:00:00Z");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(SCORER).get("/subjects/USER:" + worker).then().statusCode(200)
                .body("classCode", equalTo("GRID_WORKER")).body("homeCode", equalTo(grid)));
        as(SCORER).get("/subjects/USER:" + secretary).then().body("classCode", equalTo("CADRE_SECRETARY"));
        // a party member without a class is class 4
        as(SCORER).get("/subjects/USER:" + party).then().body("classCode", equalTo("PARTY_MEMBER"));

        // the class changes in grid-service; an older record arriving later (a replay) changes nothing
        person(secretary, "CADRE", "CADRE_MEMBER", grid, "2026-09-05T02:00:00Z");
        person(secretary, "CADRE", "PARTY_MEMBER_MOBILE", grid, "2026-09-02T02:00:00Z");
        person(worker, "GRID_WORKER", null, grid, "2026-09-06T02:00:00Z"); // a marker: once applied, the records before it were
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(SCORER).get("/subjects/USER:" + worker).then()
                .body("classCode", equalTo("GRID_WORKER")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(SCORER).get("/subjects/USER:" + secretary).then()
                .body("classCode", equalTo("CADRE_MEMBER")));

        // a scorer cannot give a grid-service person another class by hand: the field is named
        as(SCORER).body(Map.of("classCode", "VOLUNTEER")).put("/subjects/USER:" + secretary).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("classCode"));
        as(SCORER).body(Map.of("name", "书记")).put("/subjects/USER:" + secretary).then().statusCode(200)
                .body("classCode", equalTo("CADRE_MEMBER"));

        // the class decides the standard the person's statement is held to
        String ev = UUID.randomUUID().toString();
        Fixtures.send(Fixtures.lifecycle(null, EventType.EVENT_ACCEPTED, ev, "REPORTED", grid, secretary, null, null, "2026-09-10T02:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(SCORER).get("/statements/USER:" + secretary + "?period=2026-09")
                .then().statusCode(200).body("classCode", equalTo("CADRE_MEMBER")).body("standard", equalTo(5)).body("points", equalTo(1)));
    }
}
