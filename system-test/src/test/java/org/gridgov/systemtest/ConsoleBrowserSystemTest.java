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
import org.openqa.selenium.WebElement;
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

    /** checks the screen ({@link #accessible}) and saves its screenshot into docs/screenshots */
    private static void screen(String name) {
        accessible(name);
        browser.screenshot(name);
    }

    /** what {@link #accessible} found on the screens of the running test, reported all at once when it ends */
    static final List<String> inaccessible = new java.util.ArrayList<>();

    /**
     * every control has a label, and axe-core finds no serious or critical violation on the screen as it is; the test
     * goes on to its other screens and fails at its end ({@link #noScreenWasInaccessible}) naming every problem found
     */
    private static void accessible(String screen) {
        browser.unlabelledControls().forEach(c -> inaccessible.add(screen + ": control without a label: " + c));
        browser.accessibilityViolations().forEach(v -> inaccessible.add(screen + ": " + v));
    }

    @org.junit.jupiter.api.AfterEach
    void noScreenWasInaccessible() {
        List<String> found = List.copyOf(inaccessible);
        inaccessible.clear();
        assertEquals(List.of(), found, "accessibility problems (unlabelled controls; axe-core: serious or critical)");
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
        screen("phone-report");
        browser.click(By.id("report-submit"));
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("event-facts"), "data-status", "REPORTED"));
        String id = browser.driver.getCurrentUrl().replaceAll(".*#/event/", "");
        assertEquals("REPORTED", status(id));
        // the photo went up as evidence and is on the report
        browser.await(By.cssSelector(".photos img"));
        screen("phone-event-reported");

        // access: a resident has no 立案 screen, and the API refuses her the decision
        browser.signIn("resident-001");
        assertTrue(browser.all(By.id("nav-intake")).isEmpty(), "a resident sees no 立案 queue");
        as(Service.EVENT, token("resident-001", "resident")).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance")
                .then().statusCode(403);

        // (2) the command centre's operator accepts it (立案), at a desk
        browser.size(Browser.DESKTOP).signIn("operator-1").open("intake");
        browser.await(By.cssSelector("li[data-event='" + id + "'] button[type=submit]"));
        screen("desktop-intake");
        browser.click(By.cssSelector("li[data-event='" + id + "'] button[type=submit]"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "DISPATCHED".equals(status(id)));

        // (3) on the map and on the public board
        browser.open("map");
        browser.await(By.cssSelector("#map-list li[data-event='" + id + "']"));
        browser.await(By.cssSelector("#event-map path.leaflet-interactive, #event-map canvas"));
        screen("desktop-map");
        browser.click(By.cssSelector("#map-list li[data-event='" + id + "'] a"));
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("event-facts"), "data-status", "DISPATCHED"));
        browser.await(By.cssSelector("#timeline li[data-action='DISPATCH']"));
        browser.await(By.cssSelector(".photos img"));
        screen("desktop-event");
        // the board lists the nearest deadlines first: the other system tests' open items of this place may come before
        browser.driver.get(suite.consoleUrl() + "/board.html?grid=" + GRID.code() + "&limit=500");
        browser.await(By.cssSelector("#board-items tr[data-event='" + id + "']"));
        screen("desktop-board");
        browser.size(Browser.PHONE);
        screen("phone-board");

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
        screen("phone-tasks");
        browser.click(By.cssSelector("#task-list li[data-event='" + id + "'] a"));
        browser.click(By.id("task-accept"));
        browser.await(By.id("resolve-note"));
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("task-accept")));
        browser.driver.findElement(By.id("resolve-note")).sendKeys("已联系园林处理，倒伏树木已清走");
        browser.driver.findElement(By.id("resolve-photo")).sendKeys(Browser.photo("cleared").toString());
        screen("phone-event-handle");
        browser.click(By.id("resolve-submit"));
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("event-facts"), "data-status", "RESOLVED"));
        // whoever resolved does not verify: leader-1, the community's grid leader, verifies on site
        browser.signIn("leader-1").open("event/" + id);
        browser.await(By.id("verify-note")).sendKeys("现场核查，人行道已通行");
        screen("phone-verify");
        browser.click(By.id("verify-submit"));
        browser.wait.until(ExpectedConditions.attributeToBe(By.id("event-facts"), "data-status", "VERIFIED"));

        // (5) the follow-up call closes it
        browser.size(Browser.DESKTOP).signIn("operator-1").open("follow-ups");
        browser.await(By.id("satisfaction-" + id));
        new Select(browser.driver.findElement(By.id("satisfaction-" + id))).selectByValue("SATISFIED");
        browser.driver.findElement(By.id("comment-" + id)).sendKeys("居民表示满意");
        screen("desktop-follow-ups");
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
        screen("phone-points");
    }

    /** after the loop, so that the month's statistics have a closed case */
    @Test
    @Order(2)
    void theSupervisorsStatisticsTheAdminScreensAndTheVisitPlan() {
        // the supervisor's statistics: a table and its chart (ECharts, drawn as SVG)
        browser.size(Browser.DESKTOP).signIn("supervisor-1").open("stats");
        browser.await(By.cssSelector("#stats-table table"));
        browser.awaitPresent(By.cssSelector("#stats-chart svg"));
        screen("desktop-stats");
        // the admin's screens: categories, routing rules, next year's calendar, departments
        browser.signIn("admin").open("admin");
        browser.await(By.id("calendar-status"));
        browser.await(By.id("rules-json"));
        screen("desktop-admin");
        // the grid worker's visit plan: households of her grid not visited this month
        browser.size(Browser.PHONE).signIn("worker-1").open("visits");
        browser.await(By.id("visit-plan-" + GRID.code()));
        screen("phone-visits");
    }

    /**
     * The points cycle of a past quarter (2024-Q4: no other system test has points in it, the county-year replay plays
     * 2025): the scorer audits each month's entries, the supervisor locks the months and publishes the quarter, the
     * yearly accounts add up. The entries are recorded through the API by the admin: whoever records never audits.
     */
    @Test
    @Order(3)
    void theScorerAuditsTheMonthsTheSupervisorLocksThemAndPublishesTheQuarter() {
        String admin = token("admin", "admin");
        String grid = "GRID:" + GRID.code();
        String other = "GRID:" + DemoData.GRIDS.get(1).code();
        List<String> months = List.of("2024-10", "2024-11", "2024-12");
        for (String subject : List.of(grid, other)) {
            as(Service.SCORING, admin).body("{}").put("/subjects/" + subject).then().statusCode(200);
        }
        java.util.Map<String, String> bonus = new java.util.HashMap<>();
        for (String m : months) {
            bonus.put(m, record(admin, grid, m, 5, "协助社区完成消防演练"));
        }
        String duplicate = record(admin, other, "2024-10", 3, "消防演练（重复登记）");

        // (1) the county's scorer audits October: rejects the duplicate with a reason, approves the rest
        browser.size(Browser.DESKTOP).signIn("scorer-1").open("audit/2024-10");
        browser.await(By.id("audit-reject-" + duplicate));
        assertTrue(browser.all(By.id("audit-lock")).isEmpty(), "a scorer does not lock a month");
        browser.driver.findElement(By.id("audit-reason-" + duplicate)).sendKeys("与东山第一网格的记录重复");
        screen("desktop-audit");
        browser.click(By.id("audit-reject-" + duplicate));
        browser.await(By.cssSelector("#audit-entries tr[data-entry='" + duplicate + "'][data-status='REJECTED']"));
        browser.click(By.id("audit-approve-all"));
        browser.await(By.cssSelector("#audit-entries tr[data-entry='" + bonus.get("2024-10") + "'][data-status='APPROVED']"));
        as(Service.SCORING, admin).get("/ledger/entries/" + duplicate).then().body("status", equalTo("REJECTED"))
                .body("auditReason", equalTo("与东山第一网格的记录重复")).body("auditedBy", equalTo("scorer-1"));
        for (String m : months.subList(1, 3)) {
            browser.open("audit/" + m);
            browser.click(By.id("audit-approve-" + bonus.get(m)));
            browser.await(By.cssSelector("#audit-entries tr[data-entry='" + bonus.get(m) + "'][data-status='APPROVED']"));
        }
        // access: the API refuses the scorer a lock, and a scorer of another county sees none of these entries
        as(Service.SCORING, SystemSuite.scorer()).post("/audits/2024-10/lock").then().statusCode(403);
        String elsewhere = token("scorer-9", Map.of("district", List.of("350199")), "scorer");
        as(Service.SCORING, elsewhere).get("/ledger?period=2024-Q4").then().statusCode(200).body("size()", equalTo(0));
        // the scorer has the quarter's ranking, without the publish button
        browser.open("ranking/2024-Q4/GRID");
        browser.await(By.cssSelector("#ranking-rows tr[data-subject='" + grid + "']"));
        assertTrue(browser.all(By.id("ranking-publish")).isEmpty(), "a scorer does not publish rankings");

        // (2) the county's supervisor locks the three months and publishes the quarter
        browser.signIn("supervisor-1");
        for (String m : months) {
            browser.open("audit/" + m);
            browser.click(By.id("audit-lock"));
            browser.await(By.cssSelector("#audit-status[data-locked='true']"));
        }
        browser.open("ranking/2024-Q4/GRID");
        browser.await(By.cssSelector("#ranking-rows tr[data-subject='" + grid + "']"));
        screen("desktop-ranking");
        browser.click(By.id("ranking-publish"));
        browser.await(By.cssSelector("#ranking-state[data-published='true']"));
        // published: on the public page, without sign-in
        browser.driver.get(suite.consoleUrl() + "/rankings.html");
        browser.await(By.cssSelector("section[data-period='2024-Q4'][data-level='GRID'] tr[data-subject='" + grid + "']"));
        screen("desktop-public-rankings");

        // (3) the yearly accounts of 2024: the grid's 15 approved points, the rejected 3 not counted
        browser.signIn("scorer-1").open("accounts/2024/GRID");
        browser.await(By.cssSelector("#accounts-rows tr[data-subject='" + grid + "']"));
        assertEquals("15", browser.driver.findElement(By.cssSelector("#accounts-rows tr[data-subject='" + grid + "'] td:nth-child(4)")).getText());
        screen("desktop-accounts");
    }

    private static String record(String token, String subject, String month, int points, String reason) {
        return as(Service.SCORING, token).header("Idempotency-Key", "console-" + subject + "-" + month + "-" + points)
                .body(String.format("{\"subject\":\"%s\",\"rule\":\"manual-bonus@1\",\"points\":%d,\"reason\":\"%s\","
                        + "\"evidence\":[\"/evidence/drill-%s\"],\"occurredAt\":\"%s-15T10:00:00+08:00\"}", subject, points, reason, month, month))
                .post("/ledger/entries").then().statusCode(201).extract().path("id");
    }

    /** 延期: the grid's worker asks for more days on her phone; the supervisor decides on the 调度 screen */
    @Test
    @Order(4)
    void aSupervisorDecidesAnExtensionRequestOnTheDispatchScreen() {
        double[] p = GRID.centre();
        String id = as(Service.EVENT, token("resident-ext", "resident")).header("Idempotency-Key", "console-extension")
                .body(String.format(java.util.Locale.ROOT, "{\"category\":\"greenery.street-tree\",\"description\":\"东山路行道树枝干开裂\","
                        + "\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},\"address\":\"东山路6号\"}", p[1], p[0]))
                .post("/events").then().statusCode(201).extract().path("id");
        as(Service.EVENT, SystemSuite.operator()).body("{\"decision\":\"ACCEPT\"}").post("/events/" + id + "/acceptance")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DISPATCHED".equals(status(id)));

        // worker-1 asks for three more working days on her phone
        browser.size(Browser.PHONE).signIn("worker-1").open("event/" + id);
        WebElement days = browser.await(By.id("extension-days"));
        days.clear();
        days.sendKeys("3");
        browser.driver.findElement(By.id("extension-reason")).sendKeys("需园林部门评估后修剪，等待吊车");
        browser.click(By.id("extension-submit"));
        String staff = SystemSuite.streetStaff();
        String taskId = await().atMost(Duration.ofSeconds(30)).until(() -> as(Service.ESCALATION, staff).get("/extensions")
                .then().statusCode(200).extract().<String>path("find { it.eventId == '" + id + "' }.taskId"), java.util.Objects::nonNull);
        String request = as(Service.ESCALATION, staff).get("/extensions").then().extract().path("find { it.eventId == '" + id + "' }.id");
        String deadline = as(Service.ESCALATION, staff).get("/tasks/" + taskId).then().extract().path("deadline");

        // access: a supervisor of another street neither sees nor decides it
        String otherStreet = token("supervisor-9", Map.of("streets", List.of("350182002")), "supervisor");
        as(Service.ESCALATION, otherStreet).get("/extensions").then().statusCode(200).body("id", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasItem(request)));
        as(Service.ESCALATION, otherStreet).body("{\"approved\":true}").post("/tasks/" + taskId + "/extension-requests/" + request + "/decision")
                .then().statusCode(404);
        // the street office (a dispatcher) sees it, without the decision
        browser.size(Browser.DESKTOP).signIn("street-staff-1").open("dispatch");
        browser.await(By.cssSelector("#extension-list li[data-extension='" + request + "']"));
        assertTrue(browser.all(By.id("extension-approve-" + request)).isEmpty(), "the street office does not decide extensions");

        // the county's supervisor approves it: the deadline moves
        browser.signIn("supervisor-1").open("dispatch");
        browser.await(By.id("extension-note-" + request)).sendKeys("同意，请按期完成");
        screen("desktop-dispatch");
        browser.click(By.id("extension-approve-" + request));
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("li[data-extension='" + request + "']")));
        as(Service.ESCALATION, staff).get("/extensions?status=APPROVED").then()
                .body("find { it.id == '" + request + "' }.decidedBy", equalTo("supervisor-1"));
        String moved = as(Service.ESCALATION, staff).get("/tasks/" + taskId).then().extract().path("deadline");
        assertTrue(java.time.OffsetDateTime.parse(moved).isAfter(java.time.OffsetDateTime.parse(deadline)), deadline + " -> " + moved);
    }

    /**
     * A county's administrator on 管理: 闽侯县's keeps her county's own catalogue and local days (the services take them as
     * her county's); 长乐区's administrator sees nothing of them.
     */
    @Test
    @Order(5)
    void aCountysAdministratorKeepsHerCountysSettingsOnTheAdminScreen() {
        org.gridgov.testkit.suite.SecondCounty.load(suite.url(Service.GRID), token("admin", "admin"));
        String minhou = org.gridgov.testkit.suite.SecondCounty.DISTRICT;
        browser.size(Browser.DESKTOP).signIn("admin-minhou").open("admin");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("admin-scope"), minhou));
        browser.await(By.id("rules-scope"));
        browser.await(By.id("category-key")).sendKeys("livelihood.lychee-orchard");
        browser.driver.findElement(By.id("category-code")).sendKeys("0992");
        browser.driver.findElement(By.id("category-nameZh")).sendKeys("荔枝园纠纷");
        browser.driver.findElement(By.id("category-nameEn")).sendKeys("Lychee orchard dispute");
        browser.driver.findElement(By.id("category-parentKey")).sendKeys("livelihood");
        browser.driver.findElement(By.id("category-timeLimitDays")).sendKeys("5");
        browser.click(By.cssSelector("#category-form button[type=submit]"));
        // the catalogue sits folded away (details): present, not visible
        browser.awaitPresent(By.xpath("//tr[@data-county='" + minhou + "'][td[text()='livelihood.lychee-orchard']]"));
        browser.await(By.id("calendar-days")).sendKeys("2027-04-12 HOLIDAY 地方节日");
        browser.click(By.cssSelector("#calendar-form button[type=submit]"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(Service.ESCALATION, token("admin", "admin"))
                .queryParam("county", minhou).get("/calendar/2027").then().statusCode(200).body("localDays.date", org.hamcrest.Matchers.hasItem("2027-04-12")));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("calendar-status"), "2027-04-12 地方节日"));
        browser.js("window.scrollTo(0, 0)");
        screen("desktop-admin-county");
        as(Service.EVENT, token("admin", "admin")).get("/categories/livelihood.lychee-orchard").then().statusCode(200)
                .body("county", equalTo(minhou));

        browser.signIn("admin-changle").open("admin");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("admin-scope"), DemoData.DISTRICT));
        browser.awaitPresent(By.cssSelector("tr[data-county='']"));
        assertTrue(browser.all(By.cssSelector("tr[data-county='" + minhou + "']")).isEmpty(), "闽侯县's own categories are not 长乐区's");
    }
}
