package org.jwtauth.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database of a test's own ({@code cluster_it_<random>}) on the server that
 * {@code pg.test.url} names; never the shared {@code test} database. {@link #close()} drops it.
 */
final class ClusterDatabase implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/.*");

    private final String host;
    private final int port;
    private final String name;

    private ClusterDatabase(String host, int port, String name) {
        this.host = host;
        this.port = port;
        this.name = name;
    }

    static ClusterDatabase create(String anyUrlOnTheServer) throws SQLException {
        Matcher matcher = URL.matcher(anyUrlOnTheServer);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + anyUrlOnTheServer);
        }
        int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
        String name = "cluster_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        ClusterDatabase database = new ClusterDatabase(matcher.group(1), port, name);
        database.admin("CREATE DATABASE " + name);
        return database;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    /** A single number from the test's database, e.g. a count. */
    long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(host, port, name), "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        // WITH (FORCE): a replica killed with -9 may leave a connection the server has not reaped yet
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(host, port, "postgres"), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String url(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
