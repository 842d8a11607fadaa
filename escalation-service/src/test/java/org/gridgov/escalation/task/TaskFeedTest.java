package org.gridgov.escalation.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.gridgov.common.contract.Topics;
import org.junit.jupiter.api.Test;

/** Which departments get a copy of a task's facts on their own topics. */
class TaskFeedTest {
    static Task task(String unit, String... cooperating) {
        Task t = new Task();
        t.handlerUnit = unit;
        t.cooperating = new java.util.ArrayList<>(List.of(cooperating));
        return t;
    }

    @Test
    void theLeadDepartmentAndTheCooperatingDepartmentsEachGetACopyAndNoOtherUnit() {
        assertEquals(Set.of("police"), TaskFeed.departments(task("DEPT:police")));
        assertEquals(List.of("housing", "urban-management"),
                List.copyOf(TaskFeed.departments(task("DEPT:housing", "DEPT:urban-management", "COMMUNITY:350182001001", "DEPT:housing"))));
        assertEquals(List.of("urban-management"), List.copyOf(TaskFeed.departments(task("GRID:350182001001001", "DEPT:urban-management"))));
        assertEquals(Set.of(), TaskFeed.departments(task("STREET:350182001")));
    }

    @Test
    void aDepartmentsTopicsNameIt() {
        assertEquals("gridgov.dept.urban-management.task.v1", Topics.departmentTasks("urban-management"));
        assertEquals("urban-management", Topics.departmentOfReplies(Topics.departmentReplies("urban-management")));
        assertEquals(null, Topics.departmentOfReplies("gridgov.escalation.task.v1"));
        assertEquals(null, Topics.departmentOfReplies("gridgov.dept.police.task.v1"));
    }
}
