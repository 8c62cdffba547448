package org.jwtauth.common.persistence;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database outage from other failures (SPEC §8): whatever wraps it (our {@link DataAccessException},
 * the transaction manager, CDI), a failure whose cause is a lost or refused connection, a pool that could not hand one
 * out in time, or a silent socket is an outage, answered {@code 503 temporarily_unavailable}.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before trying again; the pool heals within a few seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} or one of its causes says the database cannot be reached. */
    public static boolean isCause(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (isOutage(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable t) {
        if (t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
                || t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof SocketTimeoutException || t instanceof SocketException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            // SQLState class 08: connection exception (both PostgreSQL and H2 use it); Agroal's pool
            // timeout ("Acquisition timeout while waiting for new connection") carries no state, but a
            // TimeoutException as its cause
            String state = sql.getSQLState();
            String message = sql.getMessage();
            return state != null && state.startsWith("08")
                    || sql.getCause() instanceof TimeoutException
                    || message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
        }
        return false;
    }
}
