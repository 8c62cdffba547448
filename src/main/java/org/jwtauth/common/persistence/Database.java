package org.jwtauth.common.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * The datasource chosen at start-up, H2 by default and PostgreSQL when the {@code pg} profile activates
 * it, as plain JDBC statements. Inside a transaction ({@code @Transactional}) every statement runs on
 * the transaction's one connection, which the pool enlists; outside one each statement commits alone.
 * No object-relational mapper: its metamodel, query translator and persistence context were over a quarter
 * of the classes the service loaded and a fifth of its start (README "Memory settings"), for ten
 * small tables whose statements the repositories now spell out.
 */
@Singleton
public class Database {

    private final AgroalDataSource dataSource;
    private final boolean postgres;

    public Database(@DataSource("h2") InjectableInstance<AgroalDataSource> h2,
            @DataSource("pg") InjectableInstance<AgroalDataSource> pg,
            @ConfigProperty(name = "quarkus.datasource.pg.active", defaultValue = "false") boolean postgres) {
        this.postgres = postgres;
        this.dataSource = postgres ? pg.get() : h2.get();
    }

    /** Reads a statement's rows into one value. */
    @FunctionalInterface
    public interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Reads the current row of a result set the caller iterates. */
    @FunctionalInterface
    public interface RowReader {
        Object[] read() throws SQLException;
    }

    /**
     * One query. {@code ?} parameters in order; an {@link Instant} is bound as a UTC
     * {@link OffsetDateTime} (TIMESTAMP WITH TIME ZONE), a collection as that many parameters (for
     * {@code in (?)}, which the statement must spell as {@code in (?)} once per collection).
     */
    public <T> T query(String sql, RowsReader<T> reader, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return reader.read(rows);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Every row of a query, mapped. */
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
        return query(sql, rows -> {
            List<T> all = new ArrayList<>();
            while (rows.next()) {
                all.add(mapper.map(rows));
            }
            return all;
        }, parameters);
    }

    /** The first row of a query, mapped; empty when there is none. */
    public <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... parameters) {
        return query(sql, rows -> rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty(), parameters);
    }

    /** A query for one number, such as {@code select count(*)}. */
    public long count(String sql, Object... parameters) {
        return query(sql, rows -> rows.next() ? rows.getLong(1) : 0L, parameters);
    }

    /** One insert, update or delete; the number of rows it changed. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The same insert, update or delete once per parameter list, in one batch. */
    public void batch(String sql, List<Object[]> parameterLists) {
        if (parameterLists.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] parameters : parameterLists) {
                bind(statement, Arrays.asList(parameters));
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * The rows of a query on one row ({@code ?}, bound to {@code id}) that ends in a row lock:
     * {@code h2Lock} on H2, {@code postgresLock} on PostgreSQL (which must name the locked table when
     * the query joins). Each row holds its columns as JDBC returns them.
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

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters) throws SQLException {
        List<Object> flat = new ArrayList<>(parameters.length);
        StringBuilder expanded = null;
        int from = 0;
        for (Object value : parameters) {
            if (value instanceof Collection<?> many) {
                // one "?" per element: the statement's next "in (?)" becomes "in (?, ?, ...)"
                int at = sql.indexOf("in (?)", from);
                if (at < 0 || many.isEmpty()) {
                    throw new IllegalArgumentException("A collection parameter needs a non-empty list and an \"in (?)\"");
                }
                expanded = expanded == null ? new StringBuilder() : expanded;
                expanded.append(sql, from, at).append("in (").append("?, ".repeat(many.size() - 1)).append("?)");
                from = at + "in (?)".length();
                flat.addAll(many);
            } else {
                flat.add(value);
            }
        }
        String statementSql = expanded == null ? sql : expanded.append(sql.substring(from)).toString();
        PreparedStatement statement = connection.prepareStatement(statementSql);
        try {
            bind(statement, flat);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            statement.setObject(i + 1, value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
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

    /** A statement's row lock: PostgreSQL's weaker one where no key changes, so foreign keys to the row do not wait. */
    public String forUpdate() {
        return postgres ? " for no key update" : " for update";
    }

    public boolean isPostgres() {
        return postgres;
    }
}
