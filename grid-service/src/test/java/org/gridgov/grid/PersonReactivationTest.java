package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.grid.people.PersonAnnouncements;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Issue 20 item 6: a deactivated person is taken back, and people registered before person-upserted are announced once. */
@QuarkusTest
class PersonReactivationTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-react", "admin");
    static final String STREET = "350182871";
    static final String COMMUNITY = "350182871001";
    static final String GRID1 = "350182871001000";
    static final String G1 = "350182871001001";
    static final String G2 = "350182871001002";
    /** a grid leader of grid 1 only, and one of another community */
    static final String LEADER = JwtKeys.forTests().token("react-leader", Set.of("grid_leader"), Map.of("grids", List.of(G1)));
    static final String OTHER_LEADER = JwtKeys.forTests().token("react-leader2", Set.of("grid_leader"), Map.of("grids", List.of("350182871002000")));
    static final String WORKER = JwtKeys.forTests().token("react-w0", Set.of("grid_worker"), Map.of("grids", List.of(G1)));
    static boolean ready;

    @Inject
    PersonAnnouncements announcements;

    @Inject
    EntityManager em;

    static void post(String token, String path, String body, int status) {
        var r = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path);
        assertEquals(status, r.statusCode(), path + " " + body + ": " + r.asString());
    }

    @BeforeEach
    void tree() {
        if (ready) {
            return;
        }
        ready = true;
        GridResourceTest.district("350182");
        PersonFactsTest.grid(STREET, "复职镇", "STREET", "350182", null);
        PersonFactsTest.grid(COMMUNITY, "复职村", "COMMUNITY", STREET, null);
        PersonFactsTest.grid(GRID1, "复职村一级网格", "GRID1", COMMUNITY, null);
        PersonFactsTest.grid(G1, "复职一组", "GRID", GRID1, GridResourceTest.square(119.40, 26.10, 0.01));
        PersonFactsTest.grid(G2, "复职二组", "GRID", GRID1, GridResourceTest.square(119.43, 26.10, 0.01));
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static List<String> facts(String personId, int count, Duration timeout) {
        return TopicReader.read(bootstrap(), Topics.GRID_REGISTRY, r -> ("person:" + personId).equals(r.key())
                && EventType.PERSON_UPSERTED.type().equals(r.event().getType()), count, timeout).stream()
                .map(r -> new String(r.event().getData().toBytes(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aDeactivatedPersonIsTakenBackByWhoeverMayDeactivateHer() {
        post(ADMIN, "/people", "{\"id\":\"react-w1\",\"name\":\"黄丽\",\"role\":\"GRID_WORKER\",\"gridCodes\":[\"" + G1 + "\"]}", 201);
        String w1 = JwtKeys.forTests().token("react-w1", Set.of("grid_worker"), Map.of("grids", List.of(G1)));
        post(LEADER, "/people/react-w1/deactivation", "{\"reason\":\"病休\"}", 200);
        given().auth().oauth2(w1).get("/people/react-w1").then().statusCode(403);

        // not by a leader who does not reach her, nor by a grid worker; nobody unknown
        post(OTHER_LEADER, "/people/react-w1/reactivation", "{}", 404);
        post(WORKER, "/people/react-w1/reactivation", "{}", 403);
        post(ADMIN, "/people/react-nobody/reactivation", "{}", 404);
        given().auth().oauth2(ADMIN).get("/people/react-w1").then().body("status", equalTo("INACTIVE"));

        given().auth().oauth2(LEADER).contentType(ContentType.JSON).post("/people/react-w1/reactivation").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("gridCodes", equalTo(List.of(G1)));
        post(LEADER, "/people/react-w1/reactivation", "{}", 409);

        // announced: deactivated, then active again; grid 1 again with her among its workers
        List<String> facts = facts("react-w1", 3, Duration.ofSeconds(20));
        assertEquals(3, facts.size(), facts.toString());
        assertTrue(facts.get(1).contains("\"status\":\"INACTIVE\""), facts.get(1));
        assertTrue(facts.get(2).contains("\"status\":\"ACTIVE\""), facts.get(2));
        List<String> grid = TopicReader.read(bootstrap(), Topics.GRID_REGISTRY, r -> G1.equals(r.key()), 50, Duration.ofSeconds(10))
                .stream().map(r -> new String(r.event().getData().toBytes(), StandardCharsets.UTF_8)).toList();
        assertTrue(grid.size() >= 2, grid.toString());
        assertTrue(grid.get(grid.size() - 1).contains("\"workerIds\":[\"react-w1\"]"), grid.toString());
        assertTrue(grid.get(grid.size() - 2).contains("\"workerIds\":[]"), "without her while deactivated: " + grid);

        // her token works again, and she can be given work again
        given().auth().oauth2(w1).get("/people/react-w1").then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("[\"" + G1 + "\"]").put("/people/react-w1/grids").then()
                .statusCode(200);
    }

    @Test
    void aLeaderDoesNotTakeBackSomeoneWhoAlsoServesAGridOutsideHerReach() {
        post(ADMIN, "/people", "{\"id\":\"react-w2\",\"name\":\"陈志强\",\"role\":\"GRID_WORKER\",\"gridCodes\":[\"" + G1 + "\",\"" + G2 + "\"]}", 201);
        post(ADMIN, "/people/react-w2/deactivation", "{}", 200);
        post(LEADER, "/people/react-w2/reactivation", "{}", 403);
        given().auth().oauth2(ADMIN).get("/people/react-w2").then().body("status", equalTo("INACTIVE"));
        post(ADMIN, "/people/react-w2/reactivation", "{}", 200);
        given().auth().oauth2(ADMIN).get("/people/react-w2").then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void peopleRegisteredBeforePersonUpsertedExistedAreAnnouncedOnce() {
        // as a person stored before announced_at existed: never announced
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into person (id, name, role, cadre_class, status, created_at, updated_at) "
                    + "values ('react-old', '林国平', 'PARTY_MEMBER', 'C4', 'ACTIVE', now(), now())").executeUpdate();
            em.createNativeQuery("insert into person_grid (person_id, grid_code) values ('react-old', :g)").setParameter("g", G2)
                    .executeUpdate();
        });
        given().auth().oauth2(ADMIN).get("/people/react-old").then().statusCode(200);
        assertTrue(facts("react-old", 1, Duration.ofSeconds(2)).isEmpty());

        assertTrue(announcements.announceUnannounced() >= 1);
        assertEquals(0, announcements.announceUnannounced(), "announced once");
        Object announcedAt = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select announced_at from person where id = 'react-old'").getSingleResult());
        assertNotNull(announcedAt);

        List<String> facts = facts("react-old", 2, Duration.ofSeconds(10));
        assertEquals(1, facts.size(), facts.toString());
        String d = facts.get(0);
        assertTrue(d.contains("\"role\":\"PARTY_MEMBER\"") && d.contains("\"cadreClass\":\"PARTY_MEMBER\"")
                && d.contains("\"gridCodes\":[\"" + G2 + "\"]") && d.contains("\"status\":\"ACTIVE\""), d);
        assertFalse(d.contains("林国平"), d);
    }
}
