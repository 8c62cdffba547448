package org.jwtauth.throttle;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jwtauth.common.persistence.Database;

/** Reads and row-locks throttle entries. */
@ApplicationScoped
class ThrottleRepository {

    private final Database db;

    ThrottleRepository(Database db) {
        this.db = db;
    }

    Optional<ThrottleEntry> find(String key) {
        return Optional.ofNullable(db.session().find(ThrottleEntry.class, key));
    }

    /** The entry locked until the transaction ends, so concurrent failures never lose an update. */
    Optional<ThrottleEntry> findForUpdate(String key) {
        return Optional.ofNullable(db.session().find(ThrottleEntry.class, key, LockModeType.PESSIMISTIC_WRITE));
    }

    void insert(ThrottleEntry entry) {
        db.session().persist(entry);
        db.session().flush();
    }

    void delete(String key) {
        db.session().createMutationQuery("delete from ThrottleEntry where key = :key").setParameter("key", key).executeUpdate();
    }

    int deleteIdleSince(Instant cutoff, Instant now) {
        return db.session().createMutationQuery(
                "delete from ThrottleEntry where windowStart < :cutoff and (lockedUntil is null or lockedUntil < :now)")
                .setParameter("cutoff", cutoff)
                .setParameter("now", now)
                .executeUpdate();
    }
}
