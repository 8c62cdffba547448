package org.jwtauth.common.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import jakarta.persistence.PersistenceException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures are a database outage (503) and which are not (SPEC §8). */
class DatabaseUnavailableTest {

    @Test
    void shouldRecognizeALostConnectionWhateverWrapsIt() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertTrue(DatabaseUnavailable.isCause(new PersistenceException("wrapped", new RuntimeException(lost))));
        assertTrue(DatabaseUnavailable.isCause(new JDBCConnectionException("Unable to acquire JDBC Connection", lost)));
    }

    @Test
    void shouldRecognizeAPoolThatCouldNotHandOutAConnectionInTime() {
        // Agroal 3's own words, with the TimeoutException it wraps
        SQLException timeout = new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException());
        assertTrue(DatabaseUnavailable.isCause(new GenericJDBCException("Unable to acquire JDBC Connection", timeout)));
        assertTrue(DatabaseUnavailable.isCause(new IllegalStateException("tx", new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void shouldRecognizeRefusedAndSilentSockets() {
        assertTrue(DatabaseUnavailable.isCause(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(DatabaseUnavailable.isCause(new RuntimeException(new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void shouldNotTakeOtherFailuresForAnOutage() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertFalse(DatabaseUnavailable.isCause(new ConstraintViolationException("duplicate", duplicate, "uk_users")));
        assertFalse(DatabaseUnavailable.isCause(new IllegalStateException("a bug")));
        assertFalse(DatabaseUnavailable.isCause(new SQLException("syntax error", "42601")));
    }

    @Test
    void shouldStopOnASelfCausedChain() {
        RuntimeException loop = new RuntimeException("loop") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertFalse(DatabaseUnavailable.isCause(loop));
    }
}
