package org.gridgov.scoring;

import static org.gridgov.scoring.Fixtures.ADMIN;
import static org.gridgov.scoring.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Month locks, published rankings and the best village stay inside the caller's county: the county office of 350182
 * locks and publishes her county's month and quarter whatever other counties have, and compares a village of 350197
 * with the villages of 350197 only. The system administrator acts for every county.
 */
@QuarkusTest
class CountyScopeTest {
    static final String SUPERVISOR_182 = JwtKeys.forTests().token("supervisor-182", Set.of("supervisor"), Map.of("district", "350182"));
    static final String SCORER_197 = JwtKeys.forTests().token("scorer-197", Set.of("scorer"), Map.of("district", "350197"));
    /** audits what ADMIN records */
    static final String ADMIN_AUDITOR = JwtKeys.forTests().token("admin-county-auditor", "admin");

    static void bonus(String subject, String occurredAt) {
        as(ADMIN).body(Map.of()).put("/subjects/" + subject).then().statusCode(200);
        as(ADMIN).body(Map.of("subject", subject, "rule", "manual-bonus@1", "points", 3, "reason", "试点工作",
                "evidence", List.of("https://files.example/e/" + Fixtures.uid() + ".jpg"), "occurredAt", occurredAt))
                .post("/ledger/entries").then().statusCode(201);
    }

    static void approveAll(String month) {
        as(ADMIN_AUDITOR).body(Map.of("decision", "APPROVED", "all", true)).post("/audits/" + month + "/decisions").then().statusCode(200);
    }

    @Test
    void aCountyOfficeLocksHerCountysMonthWhateverOtherCountiesHave() {
        bonus("GRID:350182920001001", "2019-04-10T10:00:00+08:00");
        bonus("GRID:350182920001001", "2019-05-10T10:00:00+08:00");
        bonus("GRID:350196920001001", "2019-05-11T10:00:00+08:00");
        approveAll("2019-04");
        approveAll("2019-05");

        // her lock is her county's: 350196's points neither stop it nor get frozen by it
        as(SUPERVISOR_182).post("/audits/2019-05/lock?county=350196").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("350196"));
        as(SUPERVISOR_182).post("/audits/2019-05/lock").then().statusCode(200).body("locked", equalTo(true))
                .body("counties", equalTo(List.of("350182")));
        as(ADMIN).get("/audits/2019-05?county=350196").then().body("locked", equalTo(false));
        as(ADMIN).get("/audits/2019-05").then().body("locked", equalTo(false)).body("lockedCounties", equalTo(List.of("350182")));
        bonus("GRID:350196920001001", "2019-05-12T10:00:00+08:00");
        as(ADMIN).body(Map.of("subject", "GRID:350182920001001", "rule", "manual-bonus@1", "points", 3, "reason", "迟到",
                "evidence", List.of("x"), "occurredAt", "2019-05-12T10:00:00+08:00")).post("/ledger/entries").then().statusCode(409);
        as(SUPERVISOR_182).post("/audits/2019-04/lock").then().statusCode(200).body("locked", equalTo(true));
        // the system administrator locks every county at once, once all of them are decided
        as(ADMIN).post("/audits/2019-05/lock").then().statusCode(409).body("detail", containsString("pending"));
        approveAll("2019-05");
        as(ADMIN).post("/audits/2019-05/lock").then().statusCode(200).body("locked", equalTo(true));
    }

    @Test
    void aCountyOfficePublishesHerCountysRankingsOnly() {
        bonus("GRID:350182930001001", "2019-07-10T10:00:00+08:00");
        bonus("COMMUNITY:350196930001", "2019-08-10T10:00:00+08:00");
        for (String m : List.of("2019-07", "2019-08", "2019-09")) {
            approveAll(m);
            as(ADMIN).post("/audits/" + m + "/lock").then().statusCode(200);
        }
        as(SUPERVISOR_182).post("/rankings/2019-Q3/publish?county=350196").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("350196"));
        as(SUPERVISOR_182).post("/rankings/2019-Q3/publish").then().statusCode(200).body("counties", equalTo(List.of("350182")));
        as(ADMIN).get("/public/rankings/2019-Q3?level=COMMUNITY&county=350196").then().statusCode(404);
        as(ADMIN).get("/public/rankings/2019-Q3?level=GRID&county=350182").then().statusCode(200)
                .body("rows.subject", equalTo(List.of("GRID:350182930001001")));
        as(ADMIN).post("/rankings/2019-Q3/publish").then().statusCode(200).body("counties", equalTo(List.of("350196")));
        as(ADMIN).post("/rankings/2019-Q3/publish").then().statusCode(409);
    }

    @Test
    void theBestVillageIsTheBestOfTheVillagesOwnCounty() {
        String ours = "COMMUNITY:350197917001", theirs = "COMMUNITY:350198917001";
        Fixtures.register(ours, Map.of("communityKind", "RURAL", "name", "上村"));
        Fixtures.register(theirs, Map.of("communityKind", "RURAL", "name", "下村"));
        Fixtures.bonus(ours, 4, "2017-03-01T10:00:00+08:00");
        Fixtures.bonus(theirs, 8, "2017-03-01T10:00:00+08:00");
        Fixtures.decide("2017-03", Map.of("decision", "APPROVED", "all", true)).statusCode(200);

        // the village of 350197 is the best of its county, whatever a village elsewhere scored
        as(SCORER_197).get("/accounts/2017?level=COMMUNITY").then().statusCode(200).body("rows.subject", equalTo(List.of(ours)))
                .body("rows[0].governanceScore", equalTo(60.0f));
        as(ADMIN).get("/accounts/2017?level=COMMUNITY").then().statusCode(200).body("rows.subject", equalTo(List.of(theirs, ours)))
                .body("rows.governanceScore", equalTo(List.of(60.0f, 60.0f)));
        // another county's villages are not hers to compare
        as(SCORER_197).get("/accounts/2017?level=COMMUNITY&within=350198").then().statusCode(403).contentType("application/problem+json");
    }
}
