package org.gridgov.scoring;

import static org.awaitility.Awaitility.await;
import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.SUPERVISOR;
import static org.gridgov.scoring.Fixtures.as;
import static org.gridgov.scoring.Fixtures.bonus;
import static org.gridgov.scoring.Fixtures.decide;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The monthly audit (一月一审核): one by one or in bulk, with reasons, all or nothing, then the month is locked. */
@QuarkusTest
class AuditCycleTest {
    static final String MONTH = "2024-01";
    static final String AT = "2024-01-15T10:00:00+08:00";

    @Test
    void auditThenLockThenCorrect() {
        String a = "USER:aud-a-" + Fixtures.uid();
        String b = "USER:aud-b-" + Fixtures.uid();
        Fixtures.register(a, Map.of("classCode", "PARTY_MEMBER"));
        Fixtures.register(b, Map.of("classCode", "PARTY_MEMBER"));
        String a1 = bonus(a, 5, AT);
        String a2 = bonus(a, 3, AT);
        String b1 = bonus(b, 4, AT);
        String b2 = bonus(b, -2, AT);
        String other = bonus(a, 1, "2024-02-01T10:00:00+08:00");

        // one by one
        decide(MONTH, Map.of("decision", "APPROVED", "reason", "材料齐全", "entryIds", List.of(a1))).statusCode(200)
                .body("entries", equalTo(1)).body("points", equalTo(5));
        as(SCORER).get("/ledger/entries/" + a1).then().body("status", equalTo("APPROVED")).body("auditedBy", equalTo("scorer-2"))
                .body("auditReason", equalTo("材料齐全"));

        // bad decisions change nothing
        decide(MONTH, Map.of("decision", "REJECTED", "entryIds", List.of(a2))).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        decide(MONTH, Map.of("decision", "MAYBE", "entryIds", List.of(a2))).statusCode(400).body("errors[0].field", equalTo("decision"));
        decide(MONTH, Map.of("decision", "APPROVED")).statusCode(400).body("errors[0].field", equalTo("entryIds"));
        decide(MONTH, Map.of("decision", "APPROVED", "entryIds", List.of(a2, a1))).statusCode(409)
                .body("errors[0].field", equalTo("entryIds[1]")).body("errors[0].reason", containsString("already APPROVED"));
        decide(MONTH, Map.of("decision", "APPROVED", "entryIds", List.of(a2, other))).statusCode(400)
                .body("errors[0].field", equalTo("entryIds[1]")).body("errors[0].reason", containsString("2024-02"));
        decide(MONTH, Map.of("decision", "APPROVED", "entryIds", List.of(a2, UUID.randomUUID()))).statusCode(400)
                .body("errors[0].field", equalTo("entryIds[1]"));
        decide("2024-1", Map.of("decision", "APPROVED", "all", true)).statusCode(400).body("errors[0].field", equalTo("period"));
        as(SCORER).get("/ledger/entries/" + a2).then().body("status", equalTo("PENDING"));

        // the month cannot be locked while entries are pending, nor by a scorer
        as(SCORER).post("/audits/" + MONTH + "/lock").then().statusCode(403);
        as(SUPERVISOR).post("/audits/" + MONTH + "/lock").then().statusCode(409).body("detail", containsString("pending"));

        // in bulk: reject everything of b with a reason, then approve the rest of the month
        decide(MONTH, Map.of("decision", "REJECTED", "reason", "证据不足", "all", true, "subject", b)).statusCode(200)
                .body("entries", equalTo(2)).body("points", equalTo(2));
        decide(MONTH, Map.of("decision", "APPROVED", "all", true)).statusCode(200);
        as(SCORER).get("/ledger/entries/" + b1).then().body("status", equalTo("REJECTED")).body("auditReason", equalTo("证据不足"));
        as(SCORER).get("/ledger/balances/" + a + "?period=" + MONTH).then().body("points", equalTo(8)).body("approved", equalTo(8));
        as(SCORER).get("/ledger/balances/" + b + "?period=" + MONTH).then().body("points", equalTo(0)).body("rejected", equalTo(2));
        as(SCORER).get("/statements/" + b + "?period=" + MONTH).then().body("items.status", equalTo(List.of("REJECTED", "REJECTED")))
                .body("points", equalTo(0));

        as(SUPERVISOR).post("/audits/" + MONTH + "/lock").then().statusCode(200).body("locked", equalTo(true))
                .body("pending", equalTo(0)).body("lockedBy", equalTo("supervisor-1"));
        as(SCORER).get("/audits/" + MONTH).then().body("locked", equalTo(true));

        // a locked month: no audits, no entries, no second lock
        decide(MONTH, Map.of("decision", "APPROVED", "all", true)).statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("period"));
        decide(MONTH, Map.of("decision", "REJECTED", "reason", "x", "entryIds", List.of(a1))).statusCode(409);
        as(SCORER).body(Map.of("subject", a, "rule", "manual-bonus@1", "points", 2, "reason", "迟到的记录", "evidence", List.of("x"),
                "occurredAt", AT)).post("/ledger/entries").then().statusCode(409).body("errors[0].field", equalTo("occurredAt"));
        as(SUPERVISOR).post("/audits/" + MONTH + "/lock").then().statusCode(409);
        as(SUPERVISOR).post("/audits/2999-01/lock").then().statusCode(409).body("detail", containsString("not ended"));

        // a late fact of the locked month lands in the next open month
        String ev = UUID.randomUUID().toString();
        Fixtures.send(Fixtures.lifecycle(null, EventType.EVENT_ACCEPTED, ev, "REPORTED", "350182404001001", "resident-late", null, null,
                "2024-01-20T02:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(SCORER).queryParam("sourceRef", ev).get("/ledger").then()
                .body("$", hasSize(1)).body("[0].period", equalTo("2024-02")));

        // a correction is a new entry; the approved one is never edited
        String fix = as(SCORER).body(Map.of("reason", "重复计分")).post("/ledger/entries/" + a2 + "/reversal").then().statusCode(201)
                .body("points", equalTo(-3)).body("kind", equalTo("CORRECTION")).body("corrects", equalTo(a2))
                .body("period", equalTo("2024-02")).body("status", equalTo("PENDING")).extract().path("id");
        as(SCORER).body(Map.of("reason", "again")).post("/ledger/entries/" + a2 + "/reversal").then().statusCode(409);
        as(SCORER).body(Map.of()).post("/ledger/entries/" + a1 + "/reversal").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        as(SCORER).body(Map.of("reason", "x")).post("/ledger/entries/" + b1 + "/reversal").then().statusCode(409);
        as(SCORER).body(Map.of("reason", "x")).post("/ledger/entries/" + fix + "/reversal").then().statusCode(409);
        as(SCORER).get("/ledger/entries/" + a2).then().body("points", equalTo(3)).body("status", equalTo("APPROVED"));
        as(SCORER).get("/ledger/balances/" + a + "?period=2024").then().body("points", equalTo(6)).body("entries", equalTo(4));
        as(SCORER).get("/statements/" + a + "?period=2024").then().body("items.kind", hasItem("CORRECTION")).body("points", equalTo(6));

        // every balance the rankings use equals the ledger recomputed
        for (String p : List.of(MONTH, "2024-02", "2024-Q1", "2024")) {
            as(SCORER).get("/ledger/consistency?period=" + p).then().statusCode(200).body("mismatches", hasSize(0));
        }
        as(SCORER).get("/rankings?level=USER&period=2024-01&within=35x").then().statusCode(400).body("errors[0].field", equalTo("within"));
        int rankedA = as(SCORER).get("/rankings?level=USER&period=2024-Q1&limit=500").then().statusCode(200).extract()
                .path("rows.find { it.subject == '" + a + "' }.points");
        assertEquals(6, rankedA);
    }

    @Test
    void theLedgerIsAppendOnlyInTheDatabaseToo() throws Exception {
        String a = "USER:aud-c-" + Fixtures.uid();
        Fixtures.register(a, Map.of());
        String id = bonus(a, 2, "2026-06-01T10:00:00+08:00");
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (var c = java.sql.DriverManager.getConnection(url, "scoring", "scoring"); var s = c.createStatement()) {
            Map<String, String> refused = Map.of("update ledger_entry set points = 9 where id = '" + id + "'", "append-only",
                    "delete from ledger_entry where id = '" + id + "'", "never deleted",
                    "update rule_version set points = 5 where rule_id = 'valid-report' and version = 1", "immutable");
            for (Map.Entry<String, String> r : refused.entrySet()) {
                try {
                    s.executeUpdate(r.getKey());
                    throw new AssertionError("allowed: " + r.getKey());
                } catch (java.sql.SQLException expected) {
                    org.junit.jupiter.api.Assertions.assertTrue(expected.getMessage().contains(r.getValue()), expected.getMessage());
                }
            }
        }
        as(SCORER).get("/ledger/entries/" + id).then().body("points", equalTo(2));
    }
}
