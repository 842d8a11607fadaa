package org.gridgov.common.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gridgov.common.security.Jurisdiction.Filter;
import org.gridgov.common.security.Jurisdiction.Scope;

/**
 * A jurisdiction as a SQL condition on a code column ({@link Jurisdiction#filter(String)},
 * {@link Jurisdiction#jdbcFilter(String)}): {@code 1 = 1} for admins, {@code 1 = 0} without a scope, else an OR of
 * {@code column like prefix%} (and a minimum length where a level-1 grid stands for its community's grids).
 */
final class ScopeSql {
    private ScopeSql() {
    }

    static Filter build(Jurisdiction j, String column, boolean named, String p) {
        if (j.unrestricted()) {
            return new Filter("1 = 1", Map.of(), List.of());
        }
        if (j.scopes().isEmpty()) {
            return new Filter("1 = 0", Map.of(), List.of());
        }
        StringBuilder sb = new StringBuilder("(");
        Map<String, Object> params = new LinkedHashMap<>();
        List<Object> positional = new ArrayList<>();
        for (int i = 0; i < j.scopes().size(); i++) {
            Scope s = j.scopes().get(i);
            if (i > 0) {
                sb.append(" or ");
            }
            String like = named ? ":" + p + i : "?";
            sb.append("(").append(column).append(" like ").append(like);
            params.put(p + i, s.prefix() + "%");
            positional.add(s.prefix() + "%");
            if (s.minLength() > 0) {
                String len = named ? ":" + p + "l" + i : "?";
                sb.append(" and length(").append(column).append(") >= ").append(len);
                params.put(p + "l" + i, s.minLength());
                positional.add(s.minLength());
            }
            sb.append(")");
        }
        sb.append(")");
        return new Filter(sb.toString(), named ? params : Map.of(), named ? List.of() : positional);
    }
}
