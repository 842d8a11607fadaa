package org.gridgov.grid.registry;

import java.util.List;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;

/**
 * What a county's administrator may change in the registry ({@link Jurisdiction#countyAdmin()}): nodes below her
 * county (streets, communities, grids) and what lies in them (buildings, households), never a county node itself nor
 * anything of another county. The system administrator changes everything. Every code a request names is checked:
 * the node changed, its parent, a successor, the grids a reorganization retires and creates, every feature or row of
 * an import file.
 */
public final class CountyChecks {
    private CountyChecks() {
    }

    /** why the caller may not change the node, building or household {@code code}, or null when she may */
    public static String refusal(Jurisdiction j, String code) {
        String outside = parentRefusal(j, code);
        if (outside != null || j.unrestricted() || code == null) {
            return outside;
        }
        return code.length() <= 6 ? code + " is a county: only the system administrator creates or changes one" : null;
    }

    /** why the caller may not hang a node under {@code code}, or null: her county itself is a parent she may name */
    public static String parentRefusal(Jurisdiction j, String code) {
        if (j.unrestricted() || code == null) {
            return null;
        }
        return j.administers(Jurisdiction.countyOf(code)) && j.covers(code) ? null : code + " is outside the county you administer";
    }

    /** 403 naming {@code field} unless the caller may change {@code code} */
    public static void check(Jurisdiction j, String code, String field) {
        String why = refusal(j, code);
        if (why != null) {
            throw forbidden(List.of(new Problem.FieldError(field, why)));
        }
    }

    /** a node to create or replace: its code and its parent */
    public static void check(Jurisdiction j, GridRequest r, String at) {
        check(j, r.code(), at + "code");
        String why = parentRefusal(j, r.parentCode());
        if (why != null) {
            throw forbidden(List.of(new Problem.FieldError(at + "parentCode", why)));
        }
    }

    /** 403 listing every code the caller may not change */
    public static ProblemException forbidden(List<Problem.FieldError> errors) {
        return new ProblemException(403, "Forbidden", errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " code(s) are outside the county you administer; nothing was changed", errors);
    }
}
