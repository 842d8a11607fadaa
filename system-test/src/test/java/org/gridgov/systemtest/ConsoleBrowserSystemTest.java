package org.gridgov.systemtest;

import static org.awaitility.Awaitility.await;
import static org.gridgov.systemtest.SystemSuite.as;
import static org.gridgov.systemtest.SystemSuite.token;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.Suite;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser (headless Chromium) against the four running services: one report around the loop
 * through the screens of the people who work it, and what a user without the role or outside the place cannot do.
 * Saves a screenshot of each main screen, at phone and desktop size, into docs/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserSystemTest {
    /** 东山第一网格, worker-1's grid; worker-4 works in 西湖第一网格 */
    static final DemoData.Grid GRID = DemoData.GRIDS.get(0);
    static Suite suite;
    static Browser browser;

    @BeforeAll
    static void start() {
        suite = SystemSuite.get();
        browser = new Browser(suite.consoleUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String status(String id) {
        return as(Service.EVENT, token("admin", "admin")).get("/events/" + id).then().statusCode(200).extract().path("status");
    }

    private static void noUnlabelledControls(String screen) {
        assertEquals(List.of(), browser.unlabelledControls(), "controls without a label on " + screen);
    }

    @Test
    @Order(1)
    void aReportGoesAroundTheLoopThroughTheConsole() {
        Path photo = Browser.photo("tree down");
        // (1) worker-4, on her phone, reports a fallen tree in worker-1's grid (outside her own: it waits for 立案)
        browser.size(Browser.PHONE).signIn("worker-4").open("report");
        browser.await(By.cssSelector("#report-category option[value='greenery.street-tree']"));
        new Select(browser.driver.findElement(By.id("report-category"))).selectByValue("greenery.street-tree");
        browser.driver.findElement(By.id("report-description")).sendKeys("东山路口行道树倒伏，挡住人行道");
        browser.driver.findElement(By.id("report-photo")).sendKeys(photo.toString());
        browser.driver.findElement(By.id("report-lat")).sendKeys("25.962800");
        browser.driver.findElement(By.id("report-lon")).sendKeys("119.521300");
        browser.driver.findElement(By.id("report-address")).sendKeys("东山路2号旁");
        noUnlabelledControls("report");
        browser.screenshot("phone-report");
        browser.click(By.id("report-submit"));
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("event-facts"), "data-status", "REPORTED"));
        String id = browser.driver.getCurrentUrl().replaceAll(".*#/event/", "");
        assertEquals("REPORTED", status(id));
        // the photo went up as evidence and is on the report
        browser.await(By.cssSelector(".photos img"));
        browser.screenshot("phone-event-reported");

        // access: a resident has no 立案 screen, and the API refuses her the decision
        browser.signIn("resident-001");
        assertTrue(browser.all(By.id("nav-intake")).isEmpty(), "a resident sees no 立案 queue");
        as(Service.EVENT, token("resident-001", "resident")).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance")
                .then().statusCode(403);

        // (2) the command centre's operator accepts it (立案), at a desk
        browser.size(Browser.DESKTOP).signIn("operator-1").open("intake");
        browser.await(By.cssSelector("li[data-event='" + id + "'] button[type=submit]"));
        noUnlabelledControls("intake");
        browser.screenshot("desktop-intake");
        browser.click(By.cssSelector("li[data-event='" + id + "'] button[type=submit]"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "DISPATCHED".equals(status(id)));

        // (3) on the map and on the public board
        browser.open("map");
        browser.await(By.cssSelector("#map-list li[data-event='" + id + "']"));
        browser.await(By.cssSelector("#event-map path.leaflet-interactive, #event-map canvas"));
        browser.screenshot("desktop-map");
        browser.click(By.cssSelector("#map-list li[data-event='" + id + "'] a"));
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("event-facts"), "data-status", "DISPATCHED"));
        browser.await(By.cssSelector("#timeline li[data-action='DISPATCH']"));
        browser.await(By.cssSelector(".photos img"));
        browser.screenshot("desktop-event");
        // the board lists the nearest deadlines first: the other system tests' open items of this place may come before
        browser.driver.get(suite.consoleUrl() + "/board.html?grid=" + GRID.code() + "&limit=500");
        browser.await(By.cssSelector("#board-items tr[data-event='" + id + "']"));
        browser.screenshot("desktop-board");
        browser.size(Browser.PHONE);
        browser.screenshot("phone-board");

        // access: worker-4 is not in the grid it was dispatched to: not in her tasks, no actions, and the API refuses
        browser.signIn("worker-4").open("tasks");
        browser.awaitPresent(By.id("task-list"));
        assertTrue(browser.all(By.cssSelector("#task-list li[data-event='" + id + "']")).isEmpty(), "not worker-4's task");
        browser.open("event/" + id);
        browser.await(By.id("event-facts"));
        assertTrue(browser.all(By.id("resolve")).isEmpty(), "worker-4 may not resolve it");
        as(Service.EVENT, token("worker-4", Map.of("grids", List.of(DemoData.GRIDS.get(3).code())), "grid_worker"))
                .body("{\"note\":\"越权办结\"}").post("/events/" + id + "/resolution").then().statusCode(403);

        // (4) worker-1, the grid's worker, finds it in her tasks, takes it on and resolves it with a photo
        browser.signIn("worker-1").open("tasks");
        browser.await(By.cssSelector("#task-list li[data-event='" + id + "'] a"));
        browser.screenshot("phone-tasks");
        browser.click(By.cssSelector("#task-list li[data-event='" + id + "'] a"));
        browser.click(By.id("task-accept"));
        browser.await(By.id("resolve-note"));
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("task-accept")));
        browser.driver.findElement(By.id("resolve-note")).sendKeys("已联系园林处理，倒伏树木已清走");
        browser.driver.findElement(By.id("resolve-photo")).sendKeys(Browser.photo("cleared").toString());
        noUnlabelledControls("event (handle)");
        browser.screenshot("phone-event-handle");
        browser.click(By.id("resolve-submit"));
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("event-facts"), "data-status", "RESOLVED"));
        // whoever resolved does not verify: leader-1, the community's grid leader, verifies on site
        browser.signIn("leader-1").open("event/" + id);
        browser.await(By.id("verify-note")).sendKeys("现场核查，人行道已通行");
        browser.screenshot("phone-verify");
        browser.click(By.id("verify-submit"));
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("event-facts"), "data-status", "VERIFIED"));

        // (5) the follow-up call closes it
        browser.size(Browser.DESKTOP).signIn("operator-1").open("follow-ups");
        browser.await(By.id("satisfaction-" + id));
        new Select(browser.driver.findElement(By.id("satisfaction-" + id))).selectByValue("SATISFIED");
        browser.driver.findElement(By.id("comment-" + id)).sendKeys("居民表示满意");
        noUnlabelledControls("follow-ups");
        browser.screenshot("desktop-follow-ups");
        browser.click(By.id("follow-up-submit-" + id));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(status(id)));
        as(Service.EVENT, token("admin", "admin")).get("/events/" + id).then().body("satisfaction", equalTo("SATISFIED"));

        // the reporter's points for the valid report are in her statement
        browser.size(Browser.PHONE).signIn("worker-4");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            browser.open("tasks").open("points");
            browser.awaitPresent(By.id("points-total"));
            return !browser.all(By.cssSelector("#points-items a[href='#/event/" + id + "']")).isEmpty();
        });
        browser.screenshot("phone-points");
    }

    /** after the loop, so that the month's statistics have a closed case */
    @Test
    @Order(2)
    void theSupervisorsStatisticsTheAdminScreensAndTheVisitPlan() {
        // the supervisor's statistics: a table and its chart (ECharts, drawn as SVG)
        browser.size(Browser.DESKTOP).signIn("supervisor-1").open("stats");
        browser.await(By.cssSelector("#stats-table table"));
        browser.awaitPresent(By.cssSelector("#stats-chart svg"));
        noUnlabelledControls("stats");
        browser.screenshot("desktop-stats");
        // the admin's screens: categories, routing rules, next year's calendar, departments
        browser.signIn("admin").open("admin");
        browser.await(By.id("calendar-status"));
        browser.await(By.id("rules-json"));
        noUnlabelledControls("admin");
        browser.screenshot("desktop-admin");
        // the grid worker's visit plan: households of her grid not visited this month
        browser.size(Browser.PHONE).signIn("worker-1").open("visits");
        browser.await(By.id("visit-plan-" + GRID.code()));
        noUnlabelledControls("visits");
        browser.screenshot("phone-visits");
    }
}
