package org.jwtauth.common.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.orm.PersistenceUnit;

/**
 * The persistence unit of the datasource chosen at start-up: H2 by default, PostgreSQL when the
 * {@code pg} profile activates it. Repositories take their {@link Session} from here.
 */
@ApplicationScoped
public class Database {

    private final Session session;
    private final boolean postgres;

    public Database(@PersistenceUnit("h2") InjectableInstance<Session> h2,
            @PersistenceUnit("pg") InjectableInstance<Session> pg,
            @ConfigProperty(name = "quarkus.datasource.pg.active", defaultValue = "false") boolean postgres) {
        this.postgres = postgres;
        this.session = postgres ? pg.get() : h2.get();
    }

    public Session session() {
        return session;
    }

    /**
     * The entity under a row lock (SELECT ... FOR UPDATE) until the transaction ends, as the database
     * holds it now: one already loaded in this transaction is re-read (it could predate a change that
     * committed since), any other is read once, locked.
     */
    public <T> Optional<T> lock(Class<T> type, Object id) {
        SessionImplementor current = session.unwrap(SessionImplementor.class);
        Object loaded = current.getPersistenceContextInternal()
                .getEntity(current.generateEntityKey(id, current.getEntityPersister(type.getName(), null)));
        if (loaded != null) {
            session.refresh(loaded, LockModeType.PESSIMISTIC_WRITE);
            return Optional.of(type.cast(loaded));
        }
        return Optional.ofNullable(session.find(type, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * The rows of a query on one row ({@code ?}, bound to {@code id}) that ends in a row lock:
     * {@code h2Lock} on H2, {@code postgresLock} on PostgreSQL (which must name the locked table when
     * the query joins). For the hot grant paths: one statement, no entity loaded, nothing to
     * dirty-check at commit. Each row holds its columns as JDBC returns them.
     */
    public List<Object[]> lockedRows(String sql, Object id, String h2Lock, String postgresLock) {
        return query(sql + " " + (postgres ? postgresLock : h2Lock), rows -> {
            List<Object[]> all = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rows.getObject(i + 1);
                }
                all.add(row);
            }
            return all;
        }, id);
    }

    /** Reads a statement's rows into one value. */
    @FunctionalInterface
    public interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Reads the current row of a result set the caller iterates. */
    @FunctionalInterface
    public interface RowReader {
        Object[] read() throws SQLException;
    }

    /**
     * One query on the transaction's own connection, past Hibernate's query and entity machinery: for
     * the hot grant paths, where Hibernate (query interpretation, result mapping, entity loading, the
     * flush at commit) cost a refresh more CPU than its RSA signature. The persistence context does not
     * see it, so it is for rows the transaction has not loaded as entities. {@code ?} parameters in
     * order; an {@link Instant} is bound as a UTC {@link OffsetDateTime} (TIMESTAMP WITH TIME ZONE).
     */
    public <T> T query(String sql, RowsReader<T> reader, Object... parameters) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                    ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        });
    }

    /** One insert, update or delete as {@link #query} runs it; the number of rows it changed. */
    public int update(String sql, Object... parameters) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                statement.setObject(i + 1, value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** A TIMESTAMP WITH TIME ZONE column as an instant (null stays null). */
    public static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }

    /** The non-null values of one column of such rows, e.g. the roles a left join brought. */
    public static Set<String> values(List<Object[]> rows, int column) {
        Set<String> values = new HashSet<>();
        for (Object[] row : rows) {
            if (row[column] != null) {
                values.add((String) row[column]);
            }
        }
        return Set.copyOf(values);
    }

    public boolean isPostgres() {
        return postgres;
    }
}
