package org.gridgov.scoring;

import static org.gridgov.scoring.Fixtures.ADMIN;
import static org.gridgov.scoring.Fixtures.AUDITOR;
import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Separation of duties: nobody records or corrects points for herself, nobody audits her own points, and the recorder
 * of an entry never audits it. scorer-1 is the scorer, USER:scorer-1 her own points; admins are bound too.
 */
@QuarkusTest
class DutiesTest {
    static final String SELF = "USER:scorer-1";

    static Map<String, Object> bonusBody(String subject, String occurredAt) {
        return Map.of("subject", subject, "rule", "manual-bonus@1", "points", 10, "reason", "试点工作",
                "evidence", List.of("https://files.example/e/" + Fixtures.uid() + ".jpg"), "occurredAt", occurredAt);
    }

    static String record(String token, String subject, String occurredAt) {
        return as(token).body(bonusBody(subject, occurredAt)).post("/ledger/entries").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse decide(String token, String month, Map<String, Object> body) {
        return as(token).body(body).post("/audits/" + month + "/decisions").then();
    }

    @Test
    void nobodyRecordsOrCorrectsPointsForHerself() {
        Fixtures.register(SELF, Map.of("classCode", "GRID_WORKER"));
        as(SCORER).body(bonusBody(SELF, "2018-09-03T10:00:00+08:00")).post("/ledger/entries").then().statusCode(403)
                .contentType("application/problem+json").body("errors[0].field", equalTo("subject"));
        as(SCORER).queryParam("subject", SELF).queryParam("period", "2018-09").get("/ledger").then().statusCode(200).body("$", hasSize(0));
        // admins neither
        String admin = "USER:admin-1";
        as(ADMIN).body(Map.of()).put("/subjects/" + admin).then().statusCode(200);
        as(ADMIN).body(bonusBody(admin, "2018-09-03T10:00:00+08:00")).post("/ledger/entries").then().statusCode(403)
                .body("errors[0].field", equalTo("subject"));

        // someone else records her points; she does not correct them either
        String id = record(AUDITOR, SELF, "2018-09-04T10:00:00+08:00");
        decide(ADMIN, "2018-09", Map.of("decision", "APPROVED", "entryIds", List.of(id))).statusCode(200);
        as(SCORER).body(Map.of("reason", "多记了")).post("/ledger/entries/" + id + "/reversal").then().statusCode(403)
                .contentType("application/problem+json");
        as(AUDITOR).body(Map.of("reason", "多记了")).post("/ledger/entries/" + id + "/reversal").then().statusCode(201);
    }

    @Test
    void nobodyAuditsHerOwnPointsNorAnEntrySheRecorded() {
        String month = "2018-08";
        String at = "2018-08-15T10:00:00+08:00";
        String other = "USER:duty-" + Fixtures.uid();
        Fixtures.register(other, Map.of("classCode", "PARTY_MEMBER"));
        Fixtures.register(SELF, Map.of("classCode", "GRID_WORKER"));
        String hers = record(SCORER, other, at); // recorded by scorer-1
        String aboutHer = record(AUDITOR, SELF, at); // scorer-1's own points
        String plain = record(AUDITOR, other, at);

        // one by one: 403 naming the entry, and nothing of the decision happens
        decide(SCORER, month, Map.of("decision", "APPROVED", "entryIds", List.of(plain, hers))).statusCode(403)
                .contentType("application/problem+json").body("errors[0].field", equalTo("entryIds[1]"))
                .body("errors[0].reason", containsString("recorded"));
        decide(SCORER, month, Map.of("decision", "REJECTED", "reason", "x", "entryIds", List.of(aboutHer))).statusCode(403)
                .body("errors[0].field", equalTo("entryIds[0]"));
        decide(SCORER, month, Map.of("decision", "APPROVED", "all", true, "subject", SELF)).statusCode(403)
                .body("errors[0].field", equalTo("subject"));
        for (String id : List.of(plain, hers, aboutHer)) {
            as(SCORER).get("/ledger/entries/" + id).then().body("status", equalTo("PENDING"));
        }

        // in bulk she decides the others' entries only; hers wait for another auditor
        decide(SCORER, month, Map.of("decision", "APPROVED", "all", true)).statusCode(200).body("entries", equalTo(1));
        as(SCORER).get("/ledger/entries/" + plain).then().body("status", equalTo("APPROVED")).body("auditedBy", equalTo("scorer-1"));
        as(SCORER).get("/ledger/entries/" + hers).then().body("status", equalTo("PENDING"));
        as(SCORER).get("/ledger/entries/" + aboutHer).then().body("status", equalTo("PENDING"));

        // scorer-2 recorded aboutHer, so an admin audits it; scorer-2 audits what scorer-1 recorded
        decide(AUDITOR, month, Map.of("decision", "APPROVED", "entryIds", List.of(aboutHer))).statusCode(403);
        decide(ADMIN, month, Map.of("decision", "APPROVED", "entryIds", List.of(aboutHer))).statusCode(200);
        decide(AUDITOR, month, Map.of("decision", "APPROVED", "entryIds", List.of(hers))).statusCode(200);
    }
}
