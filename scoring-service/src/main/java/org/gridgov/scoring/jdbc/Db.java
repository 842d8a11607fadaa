package org.gridgov.scoring.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.hibernate.Session;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The service's database: SQL in the current transaction (with the outbox and inbox) or plain reads. */
@ApplicationScoped
public class Db {
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    /** Runs on the connection of the current transaction, the same one the outbox and the inbox use. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T inTx(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::apply);
    }

    /** A read outside any transaction. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
