package org.gridgov.systemtest;

import static org.awaitility.Awaitility.await;
import static org.gridgov.systemtest.SystemSuite.as;
import static org.gridgov.systemtest.SystemSuite.token;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gridgov.testkit.oidc.KeycloakServer;
import org.gridgov.testkit.suite.ConsoleProcess;
import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.SecondCounty;
import org.gridgov.testkit.suite.Suite;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

/**
 * The deployment's sign-in, with a real OIDC provider: Keycloak, with the realm of {@code deploy/keycloak} (roles,
 * audience, user id and jurisdiction claims mapped as deploy/README.md documents). The console runs in the production
 * profile (authorization-code flow); a replica of event-service and of escalation-service verifies the provider's
 * tokens from its JWKS, as {@code deploy/overlays/prod/jwt-from-jwks.yaml} configures them. A grid worker signs in on
 * the provider's login page, sees the task of her grid and nothing of another grid's, and signs out.
 */
class OidcSignInSystemTest {
    static final String REALM = "gridgov";
    static final String SECRET = "console-secret-" + Long.toHexString(System.nanoTime());
    static final Duration READY = Duration.ofSeconds(240);

    @Test
    void aGridWorkerSignsInAtTheProviderAndSeesHerGridsTasksOnly() throws IOException {
        Optional<Path> java = KeycloakServer.java();
        Assumptions.assumeTrue(java.isPresent(), "Keycloak needs Java 21 or later: none found (set KEYCLOAK_JAVA_HOME)");
        Path home = Path.of(System.getProperty("gridgov.keycloak.home", "target/keycloak/keycloak"));
        assertTrue(Files.isExecutable(home.resolve("bin/kc.sh")), "Keycloak is unpacked by the build into " + home);
        Suite suite = SystemSuite.get();
        // 闽侯县's grids: no other system test reports there, so her list holds this task only (长乐区's grids have thousands)
        SecondCounty.load(suite.url(Service.GRID), token("admin", "admin"));
        DemoData.Grid mine = SecondCounty.GRIDS.get(1);
        DemoData.Grid other = SecondCounty.GRIDS.get(0);
        String myTask = dispatchedReportIn(mine, "oidc-1", "甘蔗路2号门口路灯不亮");
        String othersTask = dispatchedReportIn(other, "oidc-2", "甘蔗路1号门口路灯不亮");

        int consolePort = Suite.freeLocalPort();
        String consoleUrl = "http://localhost:" + consolePort;
        Path logs = Path.of(System.getProperty("gridgov.root", "..")).resolve("system-test/target/suite/logs");
        try (KeycloakServer kc = KeycloakServer.start(home, java.get(), realm(mine.code()), REALM,
                Map.of("GRIDGOV_CONSOLE_URL", consoleUrl, "GRIDGOV_CONSOLE_CLIENT_SECRET", SECRET), Suite.freeLocalPort(),
                logs.resolve("keycloak.log"), READY)) {
            Map<String, String> verifyProvider = Map.of("MP_JWT_VERIFY_ISSUER", kc.issuer(REALM), "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    kc.jwks(REALM));
            try (Suite.Replica event = suite.launchReplica(Service.EVENT, READY, verifyProvider);
                    Suite.Replica escalation = suite.launchReplica(Service.ESCALATION, READY, verifyProvider);
                    ConsoleProcess console = suite.launchConsole(consolePort, Map.of("QUARKUS_PROFILE", "prod",
                            "QUARKUS_OIDC_AUTH_SERVER_URL", kc.issuer(REALM), "QUARKUS_OIDC_CREDENTIALS_SECRET", SECRET,
                            "GRIDGOV_CONSOLE_SERVICES_EVENT", event.url(), "GRIDGOV_CONSOLE_SERVICES_ESCALATION", escalation.url()), READY);
                    Browser browser = new Browser(console.url())) {
                // no local sign-in page in a deployment
                RestAssured.given().baseUri(console.url()).get("/sign-in/local").then().statusCode(404);

                browser.driver.get(console.url() + "/sign-in");
                browser.wait.until(ExpectedConditions.urlContains(kc.issuer(REALM)));
                browser.await(By.id("username")).sendKeys("wangli");
                browser.driver.findElement(By.id("password")).sendKeys("网格-2026-pass");
                browser.click(By.id("kc-login"));
                browser.wait.until(ExpectedConditions.urlContains(console.url()));
                browser.wait.until(ExpectedConditions.textToBe(By.id("who"), "wangli"));

                // the token the console holds is the provider's: her roles and grid come from the realm's mappers
                @SuppressWarnings("unchecked")
                Map<String, Object> me = (Map<String, Object>) fetch(browser, "/api/me");
                assertEquals("wangli", me.get("user"), "me: " + me);
                assertTrue(String.valueOf(me.get("roles")).contains("grid_worker"), "me: " + me);
                assertTrue(String.valueOf(me.get("claims")).contains(mine.code()), "me: " + me);

                browser.open("tasks");
                browser.await(By.cssSelector("#task-list li[data-event='" + myTask + "'] a"));
                assertTrue(browser.all(By.cssSelector("#task-list li[data-event='" + othersTask + "']")).isEmpty(),
                        "another grid's task is not hers");

                // signing out ends the provider's session too: the next sign-in asks for the password again
                browser.driver.get(console.url() + "/sign-out");
                browser.wait.until(ExpectedConditions.urlContains("/board.html"));
                assertEquals(401L, ((Number) ((Map<?, ?>) fetch(browser, "/api/me")).get("status")).longValue(), "signed out");
                browser.driver.get(console.url() + "/sign-in");
                browser.await(By.id("username"));
            }
        }
    }

    /** the console's answer to a call of the page's own (with the session's cookie): its JSON, or {status} */
    private static Object fetch(Browser browser, String path) {
        return browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1]; fetch(arguments[0])"
                + ".then(r => r.status === 200 ? r.json() : {status: r.status}).then(done, e => done({error: String(e)}));", path);
    }

    /** a resident's report in the grid, taken on by the command centre and dispatched to the grid; its event id */
    private static String dispatchedReportIn(DemoData.Grid g, String key, String description) {
        double[] p = g.centre();
        String id = as(Service.EVENT, token("resident-" + key, "resident")).header("Idempotency-Key", key)
                .body(String.format(Locale.ROOT, "{\"category\":\"other.unclassified\",\"description\":\"%s\","
                        + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},\"address\":\"%s\"}", description, p[1], p[0], description))
                .post("/events").then().statusCode(201).extract().path("id");
        String operator = token("operator-mh-1", Map.of("district", List.of(SecondCounty.DISTRICT)), "operator");
        as(Service.EVENT, operator).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(Service.ESCALATION, token("admin", "admin"))
                .get("/tasks/by-event/" + id).then().statusCode(200).body("handlerUnit", hasItem("GRID:" + g.code())));
        return id;
    }

    /** deploy/keycloak's realm with one user: 网格员 王丽 of the grid, with her password */
    private static String realm(String grid) throws IOException {
        Path root = Path.of(System.getProperty("gridgov.root", ".."));
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(root.resolve("deploy/keycloak/gridgov-realm.json").toFile());
        ArrayNode users = realm.putArray("users");
        ObjectNode u = users.addObject().put("username", "wangli").put("enabled", true).put("firstName", "丽").put("lastName", "王")
                .put("email", "wangli@example.org").put("emailVerified", true);
        u.putArray("realmRoles").add("grid_worker");
        u.putObject("attributes").putArray("grids").add(grid);
        u.putArray("credentials").addObject().put("type", "password").put("value", "网格-2026-pass").put("temporary", false);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
    }

}
