package org.gridgov.scoring.rules;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
            + "class_points::text as class_points, requires_evidence, effective_from, description, created_at, created_by, county";

    private RuleBook() {
    }

    /**
     * For each rule that scores the fact, the versions in force at the given time: the shared one and each of
     * {@code counties}' own, by county (the key null for the shared one).
     */
    public static Map<String, Map<String, RuleVersion>> inForce(Connection c, String fact, OffsetDateTime at, Collection<String> counties) {
        Map<String, Map<String, RuleVersion>> out = new LinkedHashMap<>();
        for (RuleVersion v : Sql.list(c, "select distinct on (rule_id, county) " + COLUMNS + " from rule_version where fact = ? "
                + "and effective_from <= ? and (county is null or county = any(?)) order by rule_id, county, effective_from desc, version desc",
                RuleBook::map, fact, at, counties.toArray(String[]::new))) {
            out.computeIfAbsent(v.ruleId(), k -> new HashMap<>()).put(v.county(), v);
        }
        return out;
    }

    /** The version of one rule in force at the given time for {@code county}: the county's own if it has one, else the shared one. */
    public static Optional<RuleVersion> inForce(Connection c, String ruleId, OffsetDateTime at, String county) {
        return Sql.one(c, "select " + COLUMNS + " from rule_version where rule_id = ? and effective_from <= ? "
                + "and (county is null or county = ?) order by county nulls last, effective_from desc, version desc limit 1",
                RuleBook::map, ruleId, at, county);
    }

    /** Every rule's version in force at the given time for {@code county} (the county's own if it has one, else the shared one). */
    public static List<RuleVersion> allInForce(Connection c, OffsetDateTime at, String county) {
        return Sql.list(c, "select distinct on (rule_id) " + COLUMNS + " from rule_version where effective_from <= ? "
                + "and (county is null or county = ?) order by rule_id, county nulls last, effective_from desc, version desc",
                RuleBook::map, at, county);
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

    /** the shared versions and {@code county}'s own */
    public static List<RuleVersion> all(Connection c, String county) {
        return Sql.list(c, "select " + COLUMNS + " from rule_version where county is null or county = ? order by rule_id, version",
                RuleBook::map, county);
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
                Sql.time(rs, "effective_from"), rs.getString("description"), Sql.time(rs, "created_at"), rs.getString("created_by"),
                rs.getString("county"));
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
