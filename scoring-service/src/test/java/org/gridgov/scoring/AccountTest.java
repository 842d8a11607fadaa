package org.gridgov.scoring;

import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.as;
import static org.gridgov.scoring.Fixtures.bonus;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Yearly accounting (一年一核算): annual totals, indicator classes, and the village's 60% share. */
@QuarkusTest
class AccountTest {
    static final String STREET = "350198001";

    @Test
    void annualTotalsWithIndicatorsAndTheVillagesGovernanceShare() {
        String v1 = "COMMUNITY:" + STREET + "001", v2 = "COMMUNITY:" + STREET + "002", u = "COMMUNITY:" + STREET + "003";
        Fixtures.register(v1, Map.of("communityKind", "RURAL", "name", "东山村"));
        Fixtures.register(v2, Map.of("communityKind", "RURAL", "name", "西山村"));
        Fixtures.register(u, Map.of("communityKind", "URBAN", "name", "东山社区"));
        bonus(v1, 6, "2023-03-01T10:00:00+08:00", "rural.living-environment");
        bonus(v1, 4, "2023-11-01T10:00:00+08:00", "rural.dispute-resolution");
        bonus(v2, 5, "2023-05-01T10:00:00+08:00", "rural.openness");
        bonus(u, 8, "2023-05-01T10:00:00+08:00", "urban.demands-resolved");
        bonus(u, 2, "2023-06-01T10:00:00+08:00", null);

        as(SCORER).get("/accounts/2023?level=COMMUNITY&within=" + STREET).then().statusCode(200).body("closed", equalTo(false))
                .body("villageGovernanceShare", equalTo(0.6f)).body("rows.subject", equalTo(List.of(v1, u, v2)))
                .body("rows[0].governanceScore", equalTo(0.0f)); // nothing approved yet

        for (String month : List.of("2023-03", "2023-05", "2023-06", "2023-11")) {
            Fixtures.decide(month, Map.of("decision", "APPROVED", "all", true)).statusCode(200);
        }
        as(SCORER).get("/accounts/2023?level=COMMUNITY&within=" + STREET).then().statusCode(200)
                // equal points: the smaller subject first
                .body("rows.subject", equalTo(List.of(v1, u, v2))).body("rows.approved", equalTo(List.of(10, 10, 5)))
                // the best village's governance points make up 60 of its 100
                .body("rows[0].governanceScore", equalTo(60.0f)).body("rows[2].governanceScore", equalTo(30.0f))
                .body("rows[1].governanceScore", nullValue())
                .body("rows[0].indicators.size()", equalTo(7)).body("rows[1].indicators.size()", equalTo(6))
                .body("rows[0].indicators.'rural.living-environment'", equalTo(6))
                // 6 × 0.15 + 4 × 0.15
                .body("rows[0].weightedIndicatorScore", equalTo(1.5f))
                // 8 × 0.25
                .body("rows[1].weightedIndicatorScore", equalTo(2.0f));
        as(SCORER).get("/accounts/23?level=COMMUNITY").then().statusCode(400).body("errors[0].field", equalTo("year"));
        as(SCORER).get("/accounts/2023").then().statusCode(400).body("errors[0].field", equalTo("level"));
    }
}
