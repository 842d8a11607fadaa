package org.gridgov.scoring;

import static org.awaitility.Awaitility.await;
import static org.gridgov.scoring.Fixtures.SCORER;
import static org.gridgov.scoring.Fixtures.as;
import static org.gridgov.scoring.Fixtures.lifecycle;
import static org.gridgov.scoring.Fixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.gridgov.common.contract.EventType;
import org.gridgov.scoring.ledger.LifecycleConsumer;
import org.gridgov.scoring.replay.TopicReplay;
import org.gridgov.scoring.jdbc.Sql;
import org.gridgov.testkit.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Exactly-once effect: the whole lifecycle topic, redeliveries and all, replayed into an empty
 * scoring database gives the same ledger and the same balances as the live service.
 */
@QuarkusTest
class ReplayTest {
    static final String[] LEVELS = { "VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED" };

    @Test
    void replayingTheLifecycleTopicIntoAnEmptyDatabaseReproducesTheBalances() throws Exception {
        String street = "350197" + (100 + (int) (Math.random() * 899));
        List<String> events = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        int redelivered = 0;
        for (int i = 0; i < 24; i++) {
            String ev = UUID.randomUUID().toString();
            events.add(ev);
            String grid = street + "00100" + (i % 4);
            String reporter = "replay-" + street + "-" + (i % 5);
            subjects.add("GRID:" + grid);
            subjects.add("USER:" + reporter);
            String t = "2025-0%d-%02dT%02d:30:00Z".formatted(3 + i % 3, 1 + i, i % 24); // months 03..05, some across midnight in Shanghai
            send(lifecycle(null, EventType.EVENT_REPORTED, ev, null, grid, reporter, null, null, t));
            CloudEvent dispatched = lifecycle(null, EventType.EVENT_ACCEPTED, ev, "REPORTED", grid, reporter, null, null, t);
            send(dispatched);
            if (i % 3 == 0) {
                send(dispatched); // redelivery
                redelivered++;
            }
            if (i % 4 == 0) {
                send(lifecycle(null, EventType.EVENT_REWORK_REQUESTED, ev, "RESOLVED", grid, reporter, null, null, t));
            }
            if (i % 6 == 0) {
                send(lifecycle(null, EventType.EVENT_REOPENED, ev, "FOLLOWED_UP", grid, reporter, "DISSATISFIED", null, t));
                send(lifecycle(null, EventType.EVENT_DISPATCHED, ev, "REOPENED", grid, reporter, null, null, t));
            }
            CloudEvent closed = lifecycle(null, EventType.EVENT_CLOSED, ev, "FOLLOWED_UP", grid, reporter, LEVELS[i % 3], i % 5 != 0, t);
            send(closed);
            if (i % 4 == 1) {
                send(closed);
                redelivered++;
            }
        }
        // live: wait until the service credited every event
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            int n = 0;
            for (String ev : events) {
                n += as(SCORER).queryParam("sourceRef", ev).get("/ledger").then().extract().<List<?>>path("$").size();
            }
            // grid: report, closure, on time or overdue for each; 6 reworks, 4 reopenings. Community and street: on time or
            // overdue for each, satisfied for 16 (very satisfied or satisfied), dissatisfied for the 4 reopenings
            assertEquals(24 * 3 + 6 + 4 + 24 * 2 + 16 * 2 + 4 * 2, n, "live entries");
        });

        // an empty database with the same schema and the same rules and classes (configuration, not history)
        String name = "scoring_replay_" + Fixtures.uid();
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.shared();
        pg.ensureDatabase(name, "scoring", "scoring");
        Flyway.configure().dataSource(pg.jdbcUrl(name), "scoring", "scoring").locations("classpath:db/common", "classpath:db/migration")
                .load().migrate();
        String liveUrl = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection live = DriverManager.getConnection(liveUrl, "scoring", "scoring");
                Connection replay = DriverManager.getConnection(pg.jdbcUrl(name), "scoring", "scoring")) {
            assertEquals(0, Sql.count(replay, "select count(*) from ledger_entry"));
            TopicReplay.copyReferenceData(live, replay);
            TopicReplay.Result r = TopicReplay.replay(Fixtures.bootstrap(), LifecycleConsumer.NAME, replay);
            assertEquals(List.of(), r.failures());
            assertTrue(r.duplicates() >= redelivered, "redeliveries seen: " + r);
            replay.setAutoCommit(true);

            // the same entries, fact by fact (live may still be finishing records of other tests: wait for it)
            String facts = "select subject || ' ' || rule || ' ' || fact_key || ' ' || points || ' ' || source_event || ' ' || source_ref "
                    + "|| ' ' || occurred_at from ledger_entry where kind = 'FACT' order by 1";
            List<String> replayed = Sql.list(replay, facts, rs -> rs.getString(1));
            assertEquals(r.entries(), replayed.size());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(replayed, Sql.list(live, facts, rs -> rs.getString(1))));

            // the same balances per subject and month of the fact
            String sums = "select subject, to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM'), sum(points), count(*) "
                    + "from ledger_entry where kind = 'FACT' group by 1, 2 order by 1, 2";
            assertEquals(Sql.list(replay, sums, rs -> rs.getString(1) + rs.getString(2) + "=" + rs.getLong(3) + "/" + rs.getLong(4)),
                    Sql.list(live, sums, rs -> rs.getString(1) + rs.getString(2) + "=" + rs.getLong(3) + "/" + rs.getLong(4)));

            // and what the API shows for this scenario's subjects equals the replayed database's balance roll-ups
            Map<String, Long> api = new TreeMap<>(), replayedBalances = new TreeMap<>();
            for (String s : subjects.stream().distinct().toList()) {
                for (String period : List.of("2025-03", "2025-04", "2025-05", "2025-Q2", "2025")) {
                    api.put(s + " " + period, as(SCORER).get("/ledger/balances/" + s + "?period=" + period).then().statusCode(200)
                            .extract().<Integer>path("points").longValue());
                    replayedBalances.put(s + " " + period, Sql.one(replay, "select points from subject_balance where subject = ? and period = ?",
                            rs -> rs.getLong(1), s, period).orElse(0L));
                }
            }
            assertEquals(api, replayedBalances);
            assertTrue(api.values().stream().anyMatch(v -> v != 0), "the scenario scored something");
        }
    }
}
