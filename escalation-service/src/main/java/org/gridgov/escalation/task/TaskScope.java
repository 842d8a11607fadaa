package org.gridgov.escalation.task;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;

/**
 * Which tasks a caller sees and acts on. A task's place is its grid code, or for a task without a grid the
 * code in its handler unit (COMMUNITY:&lt;code&gt;, STREET:&lt;code&gt;).
 * <ul>
 * <li>sees: admins every task; area staff (grid workers and leaders, community and street staff, supervisors) the
 * tasks whose place is inside their jurisdiction; a department ({@code dept} claim) the tasks it handles
 * ({@code DEPT:<dept>}) or cooperates on (联动), wherever they are</li>
 * <li>acts on (accept, progress, return, extension request, 上报): a department on the tasks it handles; area
 * staff on the tasks whose handler unit is a grid, community or street inside their jurisdiction; community and
 * street staff also on department tasks in their area (they coordinate the departments there), grid workers
 * not</li>
 * <li>dispatches, supervises and decides extensions: staff whose jurisdiction covers the task's place</li>
 * </ul>
 * A task the caller does not see answers 404; one she sees but may not act on, 403.
 */
public final class TaskScope {
    /** the place of a task in SQL (native, column names of table task) */
    public static final String PLACE_SQL = "coalesce(grid_code, substring(handler_unit from '^[A-Z]+:([0-9]+)$'))";

    private TaskScope() {
    }

    public static String place(Task t) {
        if (t.gridCode != null) {
            return t.gridCode;
        }
        return unitCode(t.handlerUnit);
    }

    /** the code of a GRID:, COMMUNITY: or STREET: unit; null for DEPT: and DISPATCHER */
    public static String unitCode(String unit) {
        return unit != null && unit.matches("(GRID|COMMUNITY|STREET):\\d+") ? unit.substring(unit.indexOf(':') + 1) : null;
    }

    public static boolean sees(Jurisdiction j, Task t) {
        return j.unrestricted() || j.covers(place(t)) || j.inDepartment(t.handlerUnit)
                || t.cooperating.stream().anyMatch(j::inDepartment);
    }

    public static boolean handles(Jurisdiction j, Task t) {
        if (j.unrestricted()) {
            return true;
        }
        if (t.handlerUnit.startsWith("DEPT:")) {
            // the department, or the community or street office that dispatches departments in its area
            return j.inDepartment(t.handlerUnit)
                    || ((j.hasRole("street_staff") || j.hasRole("community_staff")) && j.covers(place(t)));
        }
        String code = unitCode(t.handlerUnit);
        return code != null && j.covers(code);
    }

    /** 404 unless the caller sees the task */
    public static Task visible(Jurisdiction j, Task t, UUID id) {
        if (t == null || !sees(j, t)) {
            throw ProblemException.notFound("task " + id);
        }
        return t;
    }

    /** 404 unless she sees it, 403 unless she handles it */
    public static Task handled(Jurisdiction j, Task t, UUID id) {
        visible(j, t, id);
        if (!handles(j, t)) {
            throw ProblemException.forbidden("task " + id + " is handled by " + t.handlerUnit + ", not by you");
        }
        return t;
    }

    /** 404 unless she sees it, 403 unless its place is inside her jurisdiction (dispatchers, supervisors) */
    public static Task supervised(Jurisdiction j, Task t, UUID id) {
        visible(j, t, id);
        if (!j.covers(place(t))) {
            throw ProblemException.forbidden("task " + id + " is outside your jurisdiction");
        }
        return t;
    }

    /** a native SQL condition on table task selecting the tasks the caller sees; its named parameters go into params */
    public static String sql(Jurisdiction j, Map<String, Object> params) {
        if (j.unrestricted()) {
            return "1 = 1";
        }
        Jurisdiction.Filter f = j.filter(PLACE_SQL, "tp");
        f.addTo(params);
        StringBuilder sb = new StringBuilder("(").append(f.clause());
        List<String> depts = List.copyOf(j.departments());
        for (int i = 0; i < depts.size(); i++) {
            // cooperating units are stored as DEPT:<code> by dispatch (older rows: the bare code)
            sb.append(" or handler_unit = :tdu").append(i).append(" or cast(:tdu").append(i).append(" as text) = any(cooperating)")
                    .append(" or cast(:tdc").append(i).append(" as text) = any(cooperating)");
            params.put("tdu" + i, "DEPT:" + depts.get(i));
            params.put("tdc" + i, depts.get(i));
        }
        return sb.append(")").toString();
    }
}
