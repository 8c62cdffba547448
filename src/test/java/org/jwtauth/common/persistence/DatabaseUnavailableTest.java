package org.jwtauth.common.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/** Which failures are a database outage (503) and which are not (SPEC §8). */
class DatabaseUnavailableTest {

    @Test
    void shouldRecognizeALostConnectionWhateverWrapsIt() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertTrue(DatabaseUnavailable.isCause(new IllegalStateException("wrapped", new RuntimeException(lost))));
        assertTrue(DatabaseUnavailable.isCause(new DataAccessException(lost)));
    }

    @Test
    void shouldRecognizeAPoolThatCouldNotHandOutAConnectionInTime() {
        // Agroal 3's own words, with the TimeoutException it wraps
        SQLException timeout = new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException());
        assertTrue(DatabaseUnavailable.isCause(new DataAccessException(timeout)));
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
        assertFalse(DatabaseUnavailable.isCause(new DataAccessException(duplicate)));
        assertTrue(DataAccessException.isUniqueViolation(new IllegalStateException(new DataAccessException(duplicate))));
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
