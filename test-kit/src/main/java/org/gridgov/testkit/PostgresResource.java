package org.gridgov.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a database (and role) of its own on the JVM-wide embedded PostgreSQL.
 * Init arg {@code database} names it (default {@code app}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.shared();
        pg.ensureDatabase(database, database, database);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.username", database,
                "quarkus.datasource.password", database);
    }

    @Override
    public void stop() {
        // the server is shared by the JVM and stops with it
    }
}
