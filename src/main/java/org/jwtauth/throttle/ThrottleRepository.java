package org.jwtauth.throttle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.persistence.Database;

/** Reads, row-locks and stores throttle entries. */
@ApplicationScoped
class ThrottleRepository {

    private static final String COLUMNS = "select throttle_key, failures, window_start, locked_until from login_throttle";

    private final Database db;

    ThrottleRepository(Database db) {
        this.db = db;
    }

    Optional<ThrottleEntry> find(String key) {
        return db.first(COLUMNS + " where throttle_key = ?", ThrottleRepository::entry, key);
    }

    /** The entry locked until the transaction ends, so concurrent failures never lose an update. */
    Optional<ThrottleEntry> findForUpdate(String key) {
        return db.first(COLUMNS + " where throttle_key = ?" + db.forUpdate(), ThrottleRepository::entry, key);
    }

    /** Inserts a new entry; a concurrent first insert of the same key fails with a unique violation. */
    void insert(ThrottleEntry entry) {
        db.update("insert into login_throttle (throttle_key, failures, window_start, locked_until) values (?, ?, ?, ?)",
                entry.key, entry.failures, entry.windowStart, entry.lockedUntil);
    }

    /** Stores a changed entry that this transaction holds locked. */
    void update(ThrottleEntry entry) {
        db.update("update login_throttle set failures = ?, window_start = ?, locked_until = ? where throttle_key = ?",
                entry.failures, entry.windowStart, entry.lockedUntil, entry.key);
    }

    void delete(String key) {
        db.update("delete from login_throttle where throttle_key = ?", key);
    }

    int deleteIdleSince(Instant cutoff, Instant now) {
        return db.update("delete from login_throttle where window_start < ? and (locked_until is null or locked_until < ?)",
                cutoff, now);
    }

    private static ThrottleEntry entry(ResultSet row) throws SQLException {
        ThrottleEntry entry = new ThrottleEntry();
        entry.key = row.getString(1);
        entry.failures = row.getInt(2);
        entry.windowStart = Database.instant(row, 3);
        entry.lockedUntil = Database.instant(row, 4);
        return entry;
    }
}
