package org.gridgov.scoring;

import static io.restassured.RestAssured.given;
import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.SUPERVISOR;
import static org.gridgov.scoring.Fixtures.as;
import static org.gridgov.scoring.Fixtures.bonus;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Quarterly ranking (一季一评议): live leaderboards with deterministic ties, then a frozen public snapshot. */
@QuarkusTest
class RankingTest {
    static final String STREET = "350199001";

    @Test
    void leaderboardsBreakTiesBySubjectAndPublishedRankingsAreFrozenAndPublic() {
        String g1 = "GRID:" + STREET + "001001", g2 = "GRID:" + STREET + "001002", g3 = "GRID:" + STREET + "002001";
        String c1 = "COMMUNITY:" + STREET + "001", c2 = "COMMUNITY:" + STREET + "002", s = "STREET:" + STREET;
        for (String subject : List.of(g2, g1, g3, c1, c2, s)) {
            Fixtures.register(subject, Map.of());
        }
        bonus(g2, 5, "2024-07-05T10:00:00+08:00");
        bonus(g1, 5, "2024-08-05T10:00:00+08:00");
        bonus(g3, 7, "2024-09-05T10:00:00+08:00");
        bonus(g3, -1, "2024-09-06T10:00:00+08:00");
        bonus(c2, 3, "2024-07-05T10:00:00+08:00");
        bonus(c1, 2, "2024-07-05T10:00:00+08:00");
        bonus(s, 1, "2024-07-05T10:00:00+08:00");

        as(SCORER).get("/rankings?level=GRID&period=2024-Q3&within=" + STREET).then().statusCode(200)
                .body("rows.subject", equalTo(List.of(g3, g1, g2))).body("rows.points", equalTo(List.of(6, 5, 5)))
                .body("rows.rank", equalTo(List.of(1, 2, 2))).body("rows.position", equalTo(List.of(1, 2, 3)));
        as(SCORER).get("/rankings?level=GRID&period=2024-Q3&within=" + STREET + "001").then()
                .body("rows.subject", equalTo(List.of(g1, g2)));
        as(SCORER).get("/rankings?level=GRID&period=2024-Q3&within=" + STREET + "&limit=1&offset=1").then()
                .body("rows.subject", equalTo(List.of(g1))).body("rows[0].position", equalTo(2));
        as(SCORER).get("/rankings?level=GRID&period=2024-07&within=" + STREET).then().body("rows.subject", equalTo(List.of(g2)));
        as(SCORER).get("/rankings?level=COMMUNITY&period=2024&within=" + STREET).then().body("rows.subject", equalTo(List.of(c2, c1)));
        as(SCORER).get("/rankings?level=PLANET&period=2024-Q3").then().statusCode(400).body("errors[0].field", equalTo("level"));
        as(SCORER).get("/rankings?level=GRID&period=2024-Q5").then().statusCode(400).body("errors[0].field", equalTo("period"));
        as(Fixtures.RESIDENT).get("/rankings?level=GRID&period=2024-Q3").then().statusCode(403);

        // publishing needs the quarter audited and locked
        as(SUPERVISOR).post("/rankings/2024-Q3/publish").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("2024-07"));
        as(SCORER).post("/rankings/2024-Q3/publish").then().statusCode(403);
        for (String month : List.of("2024-07", "2024-08", "2024-09")) {
            Fixtures.approveAllAndLock(month);
        }
        as(SUPERVISOR).post("/rankings/2024-Q3/publish").then().statusCode(200).body("period", equalTo("2024-Q3"));
        as(SUPERVISOR).post("/rankings/2024-Q3/publish").then().statusCode(409);

        // readable without login
        given().get("/public/rankings/2024-Q3?level=GRID&within=" + STREET).then().statusCode(200)
                .body("rows.subject", equalTo(List.of(g3, g1, g2))).body("rows.rank", equalTo(List.of(1, 2, 2)))
                .body("publishedBy", equalTo("supervisor-1")).body("subjects", equalTo(3));
        given().get("/public/rankings/2024-Q3?level=STREET&within=" + STREET).then().body("rows[0].points", equalTo(1));
        given().get("/public/rankings").then().statusCode(200).body("period", hasItem("2024-Q3"));
        given().get("/public/rankings/2024-Q4?level=GRID").then().statusCode(404).contentType("application/problem+json");
        given().get("/public/rankings/2024-Q3?level=USER").then().statusCode(400).body("errors[0].field", equalTo("level"));

        // frozen: a later correction moves the live ranking but not the published one
        String g3entry = as(SCORER).queryParam("subject", g3).queryParam("rule", "manual-bonus").get("/ledger").then().extract().path("[0].id");
        as(SCORER).body(Map.of("reason", "荣誉被撤销")).post("/ledger/entries/" + g3entry + "/reversal").then().statusCode(201)
                .body("period", equalTo("2024-10"));
        as(SCORER).get("/rankings?level=GRID&period=2024&within=" + STREET).then().body("rows.subject", equalTo(List.of(g1, g2, g3)));
        given().get("/public/rankings/2024-Q3?level=GRID&within=" + STREET).then().body("rows.subject", equalTo(List.of(g3, g1, g2)));
    }
}
