package org.gridgov.escalation;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.escalation.task.Task;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.security.PermissionMatrix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Role × endpoint × inside/outside jurisdiction → allowed or denied, from {@code src/test/resources/permissions.csv};
 * an endpoint without a row fails.
 */
@QuarkusTest
class PermissionMatrixTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-matrix", "admin");
    static final String GRID = "350182901001001";
    static final String OUTSIDE = "350199001001001";

    static boolean ready;
    static Task gridTask;
    static Task deptTask;
    static Task coopTask;
    static Task overdueTask;
    static String lastTask;

    /** an open task of the fixture grid, stored as dispatch would store it */
    static Task task(String unit, String tier, Task.Status status, List<String> cooperating, boolean overdue) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Task t = new Task();
            t.id = UUID.randomUUID();
            t.eventId = UUID.randomUUID();
            t.category = "public-order.noise";
            t.gridCode = GRID;
            t.handlerUnit = unit;
            t.tier = tier;
            t.rule = "matrix";
            t.ruleVersion = 1;
            t.reason = "permission matrix fixture";
            t.status = status;
            t.dispatchedAt = OffsetDateTime.now().minusDays(1);
            t.deadline = overdue ? OffsetDateTime.now().minusHours(1) : OffsetDateTime.now().plusDays(3);
            t.warnAt = t.dispatchedAt.plusHours(1);
            t.warnedAt = overdue ? t.warnAt : null;
            t.overdueAt = overdue ? t.deadline : null;
            t.cooperating = new java.util.ArrayList<>(cooperating);
            t.persist();
            return t;
        });
    }

    static String freshGridTask() {
        lastTask = task("GRID:" + GRID, "GRID", Task.Status.OPEN, List.of(), false).id.toString();
        return lastTask;
    }

    @BeforeEach
    void fixtures() {
        if (ready) {
            return;
        }
        ready = true;
        gridTask = task("GRID:" + GRID, "GRID", Task.Status.OPEN, List.of(), false);
        deptTask = task("DEPT:police", "STREET", Task.Status.OPEN, List.of("urban-management"), false);
        // 联动: housing leads, the police cooperate (stored as dispatch stores it)
        coopTask = task("DEPT:housing", "STREET", Task.Status.OPEN, List.of("DEPT:police"), false);
        // overdue but not yet escalated by the clock: the clock only picks tasks without overdueAt
        overdueTask = task("GRID:" + GRID, "GRID", Task.Status.OPEN, List.of(), true);
    }

    /**
     * The usual claims by place; an admin inside is the administrator of the fixture grid's county (district 350182), an
     * admin outside another county's (350199), an admin without claims the system administrator.
     */
    static java.util.function.BiFunction<String, PermissionMatrix.Scope, java.util.Map<String, Object>> claims() {
        var usual = PermissionMatrix.placeClaims(GRID, OUTSIDE, "police", "market");
        return (role, scope) -> "admin".equals(role) && scope != PermissionMatrix.Scope.NONE
                ? java.util.Map.of("district", List.of((scope == PermissionMatrix.Scope.INSIDE ? GRID : OUTSIDE).substring(0, 6)))
                : usual.apply(role, scope);
    }

    @Test
    void everyEndpointAnswersEveryRoleInsideAndOutsideItsJurisdictionAsTheTableSays() {
        PermissionMatrix.fromResource("/permissions.csv")
                .claims(claims())
                .var("grid", GRID)
                .var("gridTask", () -> gridTask.id.toString()).var("deptTask", () -> deptTask.id.toString())
                .var("coopTask", () -> coopTask.id.toString()).var("department", "police")
                .var("id", () -> gridTask.id.toString()).var("eventId", () -> gridTask.eventId.toString())
                .var("taskId", () -> overdueTask.id.toString())
                .var("POST /tasks/{id}/return.id", PermissionMatrixTest::freshGridTask)
                .var("POST /tasks/{id}/escalation.id", PermissionMatrixTest::freshGridTask)
                .var("POST /tasks/{id}/assignment.id",
                        () -> task("DISPATCHER", "GRID", Task.Status.NEEDS_DISPATCHER, List.of(), false).id.toString())
                .var("POST /tasks/{id}/extension-requests/{requestId}/decision.id", PermissionMatrixTest::freshGridTask)
                .var("requestId", () -> given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                        .body("{\"workingDays\":2,\"reason\":\"需要检测\"}").post("/tasks/" + lastTask + "/extension-requests")
                        .then().statusCode(200).extract().path("id"))
                .var("pendingExtension", () -> given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                        .body("{\"workingDays\":3,\"reason\":\"等待配件\"}").post("/tasks/" + freshGridTask() + "/extension-requests")
                        .then().statusCode(200).extract().path("id"))
                .var("version", "1").var("year", "2026").var("code", "health").var("county", "350182").var("otherCounty", "350183").var("sharedDepartment", "health")
                .var("PUT /routing/departments/{code}.code", "matrix-dept")
                .body("PUT /routing/departments/{code}", "{\"name\":\"矩阵部门\",\"county\":\"350182\"}")
                .body("PUT /calendar/{year}/counties/{county}", "{\"days\":[]}")
                .body("PUT /admin/departments/{code}/webhook", "{\"url\":\"http://127.0.0.1:9/hook\"}")
                .body("POST /tasks/{id}/acceptance", "{\"note\":\"收到\"}")
                .body("POST /tasks/{id}/parts/{department}/acceptance", "{\"note\":\"收到\"}")
                .body("POST /tasks/{id}/parts/{department}/progress", "{\"note\":\"处理中\",\"evidence\":[\"https://files.example/p.jpg\"]}")
                .body("POST /tasks/{id}/parts/{department}/completion", "{\"note\":\"已完成\"}")
                .body("POST /tasks/{id}/progress", "{\"note\":\"处理中\",\"evidence\":[\"https://files.example/p.jpg\"]}")
                .body("POST /tasks/{id}/return", "{\"reason\":\"不属本单位\"}")
                .body("POST /tasks/{id}/extension-requests", "{\"workingDays\":1,\"reason\":\"需要协调\"}")
                .body("POST /tasks/{id}/escalation", "{\"reason\":\"需要上级协调\"}")
                .body("POST /tasks/{id}/assignment", "{\"handlerUnit\":\"GRID:{grid}\"}")
                .body("POST /tasks/{id}/extension-requests/{requestId}/decision", "{\"approved\":false,\"note\":\"理由不足\"}")
                .body("POST /supervision/tasks/{taskId}/notices", "{\"note\":\"请立即处理\"}")
                // passes bean validation, fails the rule set's own check (400) after the county check (403): changes nothing
                .body("POST /routing/rules", "{\"rules\":[{\"id\":\"m\",\"categoryPrefix\":\"\",\"placePrefix\":\"\","
                        + "\"tier\":\"GRID\",\"handler\":\"GRID\"}]}")
                .body("PUT /calendar/{year}", "{}")
                .verify();
    }
}
