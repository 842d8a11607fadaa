package org.gridgov.scoring.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plain JDBC on a given connection. The ledger is written with SQL on whatever connection the
 * caller holds: the service's transaction (Hibernate's own connection) or a replay target.
 */
public final class Sql {
    private Sql() {
    }

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static int update(Connection c, String sql, Object... args) {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new UncheckedSql(sql, e);
        }
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new UncheckedSql(sql, e);
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) {
        List<T> l = list(c, sql, row, args);
        return l.isEmpty() ? Optional.empty() : Optional.ofNullable(l.get(0));
    }

    public static long count(Connection c, String sql, Object... args) {
        return one(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Collection<?> col) {
                a = col.toArray();
            }
            if (a instanceof Object[] arr) {
                String type = arr.getClass().getComponentType() == UUID.class || (arr.length > 0 && arr[0] instanceof UUID) ? "uuid" : "text";
                Array sqlArray = c.createArrayOf(type, arr);
                ps.setArray(i + 1, sqlArray);
            } else if (a instanceof OffsetDateTime t) {
                ps.setObject(i + 1, t);
            } else if (a == null) {
                ps.setNull(i + 1, java.sql.Types.OTHER);
            } else {
                ps.setObject(i + 1, a);
            }
        }
        return ps;
    }

    public static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        Object[] values = (Object[]) a.getArray();
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add((String) v);
        }
        return out;
    }

    public static final class UncheckedSql extends RuntimeException {
        public UncheckedSql(String sql, SQLException e) {
            super(e.getMessage() + " [" + sql.replaceAll("\\s+", " ") + "]", e);
        }
    }
}
