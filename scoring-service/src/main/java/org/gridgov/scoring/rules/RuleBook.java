package org.gridgov.scoring.rules;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridgov.scoring.jdbc.Sql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads rule versions from the {@code rule_version} table. */
public final class RuleBook {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String COLUMNS = "rule_id, version, fact, subject_type, points, points_by::text as points_by, "
            + "class_points::text as class_points, requires_evidence, effective_from, description, created_at, created_by";

    private RuleBook() {
    }

    /** For each rule that scores the fact, the version in force at the given time. */
    public static List<RuleVersion> inForce(Connection c, String fact, OffsetDateTime at) {
        return Sql.list(c, "select distinct on (rule_id) " + COLUMNS + " from rule_version where fact = ? and effective_from <= ? "
                + "order by rule_id, effective_from desc, version desc", RuleBook::map, fact, at);
    }

    /** The version of one rule in force at the given time. */
    public static Optional<RuleVersion> inForce(Connection c, String ruleId, OffsetDateTime at, boolean byId) {
        return Sql.one(c, "select " + COLUMNS + " from rule_version where rule_id = ? and effective_from <= ? "
                + "order by effective_from desc, version desc limit 1", RuleBook::map, ruleId, at);
    }

    public static Optional<RuleVersion> find(Connection c, String ruleId, int version) {
        return Sql.one(c, "select " + COLUMNS + " from rule_version where rule_id = ? and version = ?", RuleBook::map, ruleId, version);
    }

    public static List<RuleVersion> versions(Connection c, String ruleId) {
        return Sql.list(c, "select " + COLUMNS + " from rule_version where rule_id = ? order by version", RuleBook::map, ruleId);
    }

    public static List<RuleVersion> all(Connection c) {
        return Sql.list(c, "select " + COLUMNS + " from rule_version order by rule_id, version", RuleBook::map);
    }

    public static String json(Map<String, Integer> m) {
        try {
            return JSON.writeValueAsString(m == null ? Map.of() : m);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RuleVersion map(ResultSet rs) throws SQLException {
        Integer points = rs.getObject("points") == null ? null : rs.getInt("points");
        return new RuleVersion(rs.getString("rule_id"), rs.getInt("version"), rs.getString("fact"), rs.getString("subject_type"),
                points, levels(rs.getString("points_by")), levels(rs.getString("class_points")), rs.getBoolean("requires_evidence"),
                Sql.time(rs, "effective_from"), rs.getString("description"), Sql.time(rs, "created_at"), rs.getString("created_by"));
    }

    private static Map<String, Integer> levels(String json) {
        try {
            return json == null ? Map.of() : new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, Integer>>() {
            }));
        } catch (Exception e) {
            throw new IllegalStateException("bad rule points " + json, e);
        }
    }
}
