package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Issue 20 item 6: household files and people kept up to date, inside the caller's jurisdiction, audited. */
@QuarkusTest
class FilesKeptUpToDateTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-files", "admin");
    static final String STREET = "350182851";
    static final String COMMUNITY = STREET + "001";
    static final String G1 = COMMUNITY + "001";
    static final String G2 = COMMUNITY + "002";
    static final String THEME = COMMUNITY + "950";
    static final String WORKER = JwtKeys.forTests().token("files-w1", Set.of("grid_worker"), Map.of("grids", List.of(G1)));
    static final String OTHER_WORKER = JwtKeys.forTests().token("files-w2", Set.of("grid_worker"), Map.of("grids", List.of(G2)));
    static final String LEADER = JwtKeys.forTests().token("files-leader", Set.of("grid_leader"), Map.of("grids", List.of(COMMUNITY + "000")));
    static final String OTHER_LEADER = JwtKeys.forTests().token("files-leader2", Set.of("grid_leader"),
            Map.of("grids", List.of(STREET + "002000")));
    static boolean ready;

    static String post(String token, String path, String body, int status) {
        var r = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path);
        org.junit.jupiter.api.Assertions.assertEquals(status, r.statusCode(), path + " " + body + ": " + r.asString());
        Object id = r.path("id");
        return id instanceof String s ? s : null;
    }

    @BeforeEach
    void tree() {
        if (ready) {
            return;
        }
        ready = true;
        GridResourceTest.district("350182");
        post(ADMIN, "/grids", "{\"code\":\"" + STREET + "\",\"name\":\"文武砂镇\",\"level\":\"STREET\",\"parentCode\":\"350182\"}", 201);
        post(ADMIN, "/grids", "{\"code\":\"" + COMMUNITY + "\",\"name\":\"壶井村\",\"level\":\"COMMUNITY\",\"parentCode\":\"" + STREET + "\"}", 201);
        post(ADMIN, "/grids", "{\"code\":\"" + COMMUNITY + "000\",\"name\":\"壶井村一级网格\",\"level\":\"GRID1\",\"parentCode\":\"" + COMMUNITY + "\"}", 201);
        post(ADMIN, "/grids", "{\"code\":\"" + G1 + "\",\"name\":\"壶井一组\",\"level\":\"GRID\",\"parentCode\":\"" + COMMUNITY + "000\",\"boundary\":"
                + GridResourceTest.square(119.70, 25.70, 0.01) + "}", 201);
        post(ADMIN, "/grids", "{\"code\":\"" + G2 + "\",\"name\":\"壶井二组\",\"level\":\"GRID\",\"parentCode\":\"" + COMMUNITY + "000\",\"boundary\":"
                + GridResourceTest.square(119.73, 25.70, 0.01) + "}", 201);
        post(ADMIN, "/grids", "{\"code\":\"" + THEME + "\",\"name\":\"银发网格\",\"level\":\"GRID\",\"kind\":\"THEMATIC\",\"theme\":\"AGE_GROUP\","
                + "\"parentCode\":\"" + COMMUNITY + "000\"}", 201);
        post(ADMIN, "/buildings", "{\"code\":\"" + G2 + "001\",\"name\":\"二组1号楼\",\"address\":\"壶井路2号\"}", 201);
        post(ADMIN, "/people", "{\"id\":\"files-w1\",\"name\":\"林秀珍\",\"role\":\"GRID_WORKER\",\"phone\":\"13900000081\",\"gridCodes\":[\"" + G1 + "\"]}", 201);
        post(ADMIN, "/people", "{\"id\":\"files-w2\",\"name\":\"陈志强\",\"role\":\"GRID_WORKER\",\"gridCodes\":[\"" + G2 + "\"]}", 201);
    }

    static String household(String code, String grid) {
        return post(ADMIN, "/households", "{\"code\":\"" + code + "\",\"gridCode\":\"" + grid + "\",\"address\":\"壶井村" + code + "号\","
                + "\"headName\":\"郑国庆\",\"headPhone\":\"13700000081\",\"memberCount\":2}", 201);
    }

    @Test
    void aWorkerKeepsHerHouseholdsUpToDateAndAnotherGridsWorkerCannot() {
        String h = household("HJ-001", G1);
        String edit = "{\"address\":\"壶井村新1号\",\"tags\":[\"ELDERLY\",\"PARTY_MEMBER\"],\"focusTags\":[\"POOR\"],\"headPhone\":\"13700000082\"}";
        // another grid's worker: the household does not exist for her, and nothing changes
        given().auth().oauth2(OTHER_WORKER).contentType(ContentType.JSON).body(edit).patch("/households/" + h).then().statusCode(404);
        given().auth().oauth2(OTHER_WORKER).contentType(ContentType.JSON).body("{\"name\":\"郑小明\",\"relation\":\"CHILD\"}")
                .post("/households/" + h + "/members").then().statusCode(404);
        given().auth().oauth2(OTHER_WORKER).contentType(ContentType.JSON).body("{}").post("/households/" + h + "/move-out").then().statusCode(404);
        given().auth().oauth2(WORKER).get("/households/" + h).then().statusCode(200).body("address", equalTo("壶井村HJ-001号"));

        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body(edit).patch("/households/" + h).then().statusCode(200)
                .body("address", equalTo("壶井村新1号")).body("tags", equalTo(List.of("ELDERLY", "PARTY_MEMBER")))
                .body("focusTags", equalTo(List.of("POOR"))).body("headPhone", equalTo("137****0082")).body("memberCount", equalTo(2));
        // the PIPL audit names the personal fields changed, never their values
        given().auth().oauth2(ADMIN).queryParam("subject", "household:" + h).get("/audit/pii").then().statusCode(200)
                .body("find { it.action == 'CHANGE' }.fields", equalTo(List.of("address", "headPhone")))
                .body("find { it.action == 'CHANGE' }.accessedBy", equalTo("files-w1"))
                .body(not(org.hamcrest.Matchers.containsString("13700000082")));

        // bad input names the field
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"memberCount\":0}").patch("/households/" + h).then()
                .statusCode(400).body("errors[0].field", equalTo("memberCount"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"headIdNumber\":\"350182195003071239\"}").patch("/households/" + h)
                .then().statusCode(400).body("errors[0].field", equalTo("headIdNumber"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"buildingCode\":\"" + G2 + "001\"}").patch("/households/" + h)
                .then().statusCode(400).body("errors[0].field", equalTo("buildingCode"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"tags\":[\"RICH\"]}").patch("/households/" + h)
                .then().statusCode(400).body("errors[0].field", equalTo("tags[0]"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"address\":\" \"}").patch("/households/" + h)
                .then().statusCode(400).body("errors[0].field", equalTo("address"));
    }

    @Test
    void membersAreAddedChangedAndRemovedAndTheMemberCountFollows() {
        String h = household("HJ-002", G1);
        String m1 = post(WORKER, "/households/" + h + "/members", "{\"name\":\"郑小明\",\"relation\":\"CHILD\",\"birthDate\":\"2010-05-01\","
                + "\"phone\":\"13600000081\"}", 201);
        post(WORKER, "/households/" + h + "/members", "{\"name\":\"王美华\",\"relation\":\"SPOUSE\"}", 201);
        given().auth().oauth2(WORKER).get("/households/" + h).then().body("memberCount", equalTo(3)); // head + 2 members
        given().auth().oauth2(WORKER).get("/households/" + h + "/members").then().statusCode(200)
                .body("size()", equalTo(2)).body("find { it.id == '" + m1 + "' }.phone", equalTo("136****0081"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"name\":\"郑小明\",\"relation\":\"GRANDCHILD\"}")
                .put("/households/" + h + "/members/" + m1).then().statusCode(200).body("relation", equalTo("GRANDCHILD"))
                .body("phone", nullValue());
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"name\":\"x\",\"relation\":\"COUSIN\"}")
                .post("/households/" + h + "/members").then().statusCode(400).body("errors[0].field", equalTo("relation"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"name\":\"x\",\"relation\":\"OTHER\",\"idNumber\":\"123\"}")
                .post("/households/" + h + "/members").then().statusCode(400).body("errors[0].field", equalTo("idNumber"));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"memberCount\":2}").patch("/households/" + h)
                .then().statusCode(400).body("errors[0].field", equalTo("memberCount"));
        given().auth().oauth2(OTHER_WORKER).delete("/households/" + h + "/members/" + m1).then().statusCode(404);
        given().auth().oauth2(OTHER_WORKER).get("/households/" + h + "/members").then().statusCode(404);
        given().auth().oauth2(WORKER).delete("/households/" + h + "/members/" + m1).then().statusCode(204);
        given().auth().oauth2(WORKER).get("/households/" + h).then().body("memberCount", equalTo(2));
        given().auth().oauth2(ADMIN).queryParam("subject", "household:" + h).get("/audit/pii").then()
                .body("findAll { it.action == 'CHANGE' }.size()", equalTo(4));
    }

    @Test
    void aHouseholdThatMovedOutKeepsItsFileAndLeavesListsVisitsAndThematicGrids() {
        String h = household("HJ-003", G1);
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"thematicGrids\":[\"" + THEME + "\"]}").patch("/households/" + h)
                .then().statusCode(200);
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"note\":\"迁往福州\"}").post("/households/" + h + "/move-out")
                .then().statusCode(200).body("status", equalTo("MOVED_OUT")).body("thematicGrids", equalTo(List.of()));
        given().auth().oauth2(WORKER).get("/households/" + h).then().statusCode(200).body("status", equalTo("MOVED_OUT"));
        given().auth().oauth2(WORKER).queryParam("grid", G1).get("/households").then().body("id", not(hasItem(h)));
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"address\":\"x\"}").patch("/households/" + h).then().statusCode(409);
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"householdId\":\"" + h + "\",\"notes\":\"走访\"}")
                .post("/visits").then().statusCode(400).body("errors[0].field", equalTo("householdId"));
        given().auth().oauth2(LEADER).get("/grids/" + THEME + "/members").then().statusCode(200).body("members.id", not(hasItem(h)));
    }

    @Test
    void aThematicGridListsItsMembersAndOnlyWhoReachesItChangesThem() {
        String h = household("HJ-004", G1);
        String h2 = household("HJ-005", G2);
        // the worker of grid 1 does not reach the community's thematic grid: she cannot put a household on its list
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{\"thematicGrids\":[\"" + THEME + "\"]}").patch("/households/" + h)
                .then().statusCode(403);
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"thematicGrids\":[\"" + G2 + "\"]}").patch("/households/" + h)
                .then().statusCode(400).body("errors[0].field", equalTo("thematicGrids[0]"));
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"thematicGrids\":[\"" + THEME + "\"]}").patch("/households/" + h)
                .then().statusCode(200).body("thematicGrids", equalTo(List.of(THEME)));
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"thematicGrids\":[\"" + THEME + "\"],\"focusTags\":[\"DISPUTE\"]}")
                .patch("/households/" + h2).then().statusCode(200);
        post(ADMIN, "/people", "{\"id\":\"files-vol\",\"name\":\"志愿者张\",\"role\":\"VOLUNTEER\",\"gridCodes\":[\"" + THEME + "\"]}", 201);
        given().auth().oauth2(LEADER).get("/grids/" + THEME + "/members").then().statusCode(200)
                .body("theme", equalTo("AGE_GROUP")).body("members.id", hasItem(h)).body("members.id", hasItem(h2))
                .body("members[0].id", equalTo(h2)) // focus households first
                .body("members[0].headPhone", equalTo("137****0081")).body("people.id", equalTo(List.of("files-vol")));
        // not the thematic grid's business: another community's leader, and a grid worker of one of the members' grids
        given().auth().oauth2(OTHER_LEADER).get("/grids/" + THEME + "/members").then().statusCode(404);
        given().auth().oauth2(OTHER_WORKER).get("/grids/" + THEME + "/members").then().statusCode(404);
        given().auth().oauth2(LEADER).get("/grids/" + G1 + "/members").then().statusCode(404);
    }

    @Test
    void peopleAreEditedAndADeactivatedPersonKeepsHerHistoryAndGetsNoNewWork() {
        post(ADMIN, "/people", "{\"id\":\"files-w3\",\"name\":\"黄丽\",\"role\":\"GRID_WORKER\",\"phone\":\"13900000083\",\"gridCodes\":[\"" + G1 + "\"]}", 201);
        String w3 = JwtKeys.forTests().token("files-w3", Set.of("grid_worker"), Map.of("grids", List.of(G1)));
        String h = post(ADMIN, "/households", "{\"code\":\"HJ-006\",\"gridCode\":\"" + G1 + "\",\"address\":\"壶井村6号\",\"headName\":\"周\","
                + "\"memberCount\":1,\"contactPersonId\":\"files-w3\"}", 201);
        post(w3, "/visits", "{\"householdId\":\"" + h + "\",\"notes\":\"走访\"}", 201);
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("[\"" + G1 + "\"]").put("/people/files-w3/grids").then()
                .statusCode(200); // grid 1 announced with its workers

        given().auth().oauth2(OTHER_LEADER).contentType(ContentType.JSON).body("{\"name\":\"黄丽丽\"}").patch("/people/files-w3").then().statusCode(404);
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"name\":\"黄丽丽\",\"phone\":\"13900000084\"}")
                .patch("/people/files-w3").then().statusCode(200).body("name", equalTo("黄丽丽")).body("phone", equalTo("139****0084"));
        // a scoring class is for cadres and party members only, as on registration
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"cadreClass\":\"C3\"}").patch("/people/files-w3").then()
                .statusCode(400).body("errors[0].field", equalTo("cadreClass"));
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"phone\":\"12345\"}").patch("/people/files-w3").then()
                .statusCode(400).body("errors[0].field", equalTo("phone"));
        given().auth().oauth2(ADMIN).queryParam("subject", "person:files-w3").get("/audit/pii").then()
                .body("find { it.action == 'CHANGE' }.fields", equalTo(List.of("name", "phone")));

        // deactivating: not by a leader who does not reach her, nor by a grid worker
        given().auth().oauth2(OTHER_LEADER).contentType(ContentType.JSON).body("{}").post("/people/files-w3/deactivation").then().statusCode(404);
        given().auth().oauth2(WORKER).contentType(ContentType.JSON).body("{}").post("/people/files-w3/deactivation").then().statusCode(403);
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"reason\":\"调离\"}").post("/people/files-w3/deactivation").then()
                .statusCode(200).body("person.status", equalTo("INACTIVE")).body("released.contactHouseholds", equalTo(1));
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{}").post("/people/files-w3/deactivation").then().statusCode(409);

        // her history stays; her token gets nothing more from grid-service; she gets no new work
        given().auth().oauth2(ADMIN).queryParam("visitor", "files-w3").get("/visits").then().body("size()", equalTo(1));
        given().auth().oauth2(WORKER).get("/households/" + h).then().body("contactPersonId", nullValue());
        given().auth().oauth2(w3).contentType(ContentType.JSON).body("{\"householdId\":\"" + h + "\",\"notes\":\"再访\"}").post("/visits")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(w3).get("/households/" + h).then().statusCode(403);
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"personId\":\"files-w3\"}").put("/households/" + h + "/contact")
                .then().statusCode(400).body("errors[0].field", equalTo("personId"));
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("[\"" + G1 + "\"]").put("/people/files-w3/grids").then().statusCode(409);
        given().auth().oauth2(LEADER).contentType(ContentType.JSON).body("{\"name\":\"x\"}").patch("/people/files-w3").then().statusCode(409);
        given().auth().oauth2(ADMIN).get("/people/files-w3").then().statusCode(200).body("status", equalTo("INACTIVE"))
                .body("gridCodes", equalTo(List.of(G1)));

        // the registry announces grid 1 again, without her among its workers
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        List<TopicReader.Received> announced = TopicReader.read(bootstrap, Topics.GRID_REGISTRY, r -> G1.equals(r.key())
                && new String(r.event().getData().toBytes(), StandardCharsets.UTF_8).contains("files-w1"), 50, Duration.ofSeconds(10));
        assertFalse(announced.isEmpty());
        String last = new String(announced.get(announced.size() - 1).event().getData().toBytes(), StandardCharsets.UTF_8);
        assertFalse(last.contains("files-w3"), announced.stream().map(r -> new String(r.event().getData().toBytes(),
                StandardCharsets.UTF_8)).toList().toString());
        assertTrue(announced.stream().anyMatch(r -> new String(r.event().getData().toBytes(), StandardCharsets.UTF_8).contains("files-w3")),
                "before she was one of grid 1's workers");
    }
}
