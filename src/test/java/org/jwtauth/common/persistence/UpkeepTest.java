package org.jwtauth.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.LogCapture;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A scheduled job's round that fails is rolled back and reported as one WARN line, without a stack
 * trace and without throwing (the scheduler would log an ERROR with one on every round of an outage).
 */
@QuarkusTest
class UpkeepTest {

    private static final String INSERT = "insert into login_throttle (throttle_key, failures, window_start, locked_until) values (?, 0, ?, null)";
    private static final String COUNT = "select count(*) from login_throttle where throttle_key = ?";

    @Inject
    Upkeep upkeep;

    @Inject
    Database db;

    @Test
    void shouldCommitARoundThatSucceeds() {
        String key = "upkeep-" + UUID.randomUUID();

        assertTrue(upkeep.run("Test job", () -> db.update(INSERT, key, Instant.now())));

        assertEquals(1, db.count(COUNT, key));
    }

    @Test
    void shouldRollBackAndWarnWithoutATraceWhenTheDatabaseIsAway() {
        String key = "upkeep-" + UUID.randomUUID();
        String log;
        boolean committed;
        try (LogCapture capture = LogCapture.start()) {
            committed = upkeep.run("Test job", () -> {
                db.update(INSERT, key, Instant.now());
                throw new DataAccessException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
            });
            log = capture.text();
        }

        assertFalse(committed);
        assertEquals(0, db.count(COUNT, key), "the round's write is rolled back");
        assertTrue(log.contains("WARN org.jwtauth.common.persistence.Upkeep Test job skipped this round: the database is unavailable"
                + " (DataAccessException); the next round tries again"), log);
        assertFalse(log.contains("\tat "), "no stack trace: " + log);
        assertFalse(log.contains("ERROR"), log);
    }

    @Test
    void shouldWarnWithheldWhenARoundFailsForAnotherReason() {
        String log;
        try (LogCapture capture = LogCapture.start()) {
            assertFalse(upkeep.run("Test job", () -> {
                throw new IllegalStateException("secret-value-42");
            }));
            log = capture.text();
        }

        assertTrue(log.contains("WARN org.jwtauth.common.persistence.Upkeep Test job failed this round"
                + " (java.lang.IllegalStateException, message withheld); the next round tries again"), log);
        assertFalse(log.contains("secret-value-42"), "a failure's message stays out of the log: " + log);
        assertFalse(log.contains("\tat "), log);
    }
}
