package org.gridgov.scoring;

import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.as;
import static org.gridgov.scoring.Fixtures.lifecycle;
import static org.gridgov.scoring.Fixtures.send;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Rework and reopen facts are keyed by the fact (the event and the time of its transition), not by the
 * CloudEvent that carried it: a copy re-published under a new CloudEvent id counts nothing more.
 */
@QuarkusTest
class FactKeysTest {

    @Test
    void aReworkOrReopeningRepublishedUnderANewCloudEventIdCountsOnce() {
        String ev = UUID.randomUUID().toString();
        String grid = "350182404001001";
        String first = "2026-07-10T02:00:00Z";
        String second = "2026-07-12T03:30:00.125Z";
        send(lifecycle(null, EventType.EVENT_ACCEPTED, ev, "REPORTED", grid, "resident-k1", null, null, first));
        send(lifecycle(null, EventType.EVENT_REWORK_REQUESTED, ev, "RESOLVED", grid, "resident-k1", null, null, first));
        // the same rework re-published by a producer under a new CloudEvent id: the same fact
        send(lifecycle(null, EventType.EVENT_REWORK_REQUESTED, ev, "RESOLVED", grid, "resident-k1", null, null, first));
        send(lifecycle(null, EventType.EVENT_REOPENED, ev, "FOLLOWED_UP", grid, "resident-k1", "DISSATISFIED", null, first));
        send(lifecycle(null, EventType.EVENT_REOPENED, ev, "FOLLOWED_UP", grid, "resident-k1", "DISSATISFIED", null, first));
        // a second rework and a second reopening of the same event are new facts
        send(lifecycle(null, EventType.EVENT_REWORK_REQUESTED, ev, "RESOLVED", grid, "resident-k1", null, null, second));
        send(lifecycle(null, EventType.EVENT_REOPENED, ev, "FOLLOWED_UP", grid, "resident-k1", "DISSATISFIED", null, second));
        send(lifecycle(null, EventType.EVENT_REOPENED, ev, "FOLLOWED_UP", grid, "resident-k1", "DISSATISFIED", null, second));
        // a marker on the same key: once it is credited, everything before it has been handled
        send(lifecycle(null, EventType.EVENT_CLOSED, ev, "FOLLOWED_UP", grid, "resident-k1", "SATISFIED", null, second));

        // grid: report, 2 reworks, 2 reopenings, closure; community and street: 2 reopenings and the satisfied closure each
        Map<String, Integer> credited = LifecycleRulesTest.byRule(ev, 12);
        assertEquals(-2, credited.get("rework@1 GRID:" + grid), "two reworks, not three: " + credited);
        assertEquals(-4, credited.get("dissatisfied@1 GRID:" + grid), "two reopenings, not four: " + credited);
        assertEquals(-2, credited.get("community-dissatisfied@1 COMMUNITY:" + grid.substring(0, 12)), credited.toString());
        as(SCORER).queryParam("sourceRef", ev).queryParam("rule", "rework").get("/ledger").then()
                .body("findAll { it.rule == 'rework@1' }.size()", equalTo(2));
        as(SCORER).get("/ledger/summary").then().body("duplicateCredits", equalTo(0));
    }
}
