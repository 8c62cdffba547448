package org.jwtauth.keys;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.persistence.Database;

/** Queries on managed keys. */
@ApplicationScoped
public class KeyRepository {

    private final Database db;

    KeyRepository(Database db) {
        this.db = db;
    }

    List<SigningKeyEntity> listByUse(String use) {
        return db.list("select kid, algorithm, key_use, public_jwk, private_key, created_at, activates_at, retires_at"
                + " from signing_keys where key_use = ? order by activates_at", row -> {
                    SigningKeyEntity key = new SigningKeyEntity();
                    key.kid = row.getString(1);
                    key.algorithm = row.getString(2);
                    key.keyUse = row.getString(3);
                    key.publicJwk = row.getString(4);
                    key.privateKey = row.getString(5);
                    key.createdAt = Database.instant(row, 6);
                    key.activatesAt = Database.instant(row, 7);
                    key.retiresAt = Database.instant(row, 8);
                    return key;
                }, use);
    }

    void persist(SigningKeyEntity key) {
        db.update("insert into signing_keys (kid, algorithm, key_use, public_jwk, private_key, created_at, activates_at,"
                        + " retires_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                key.kid, key.algorithm, key.keyUse, key.publicJwk, key.privateKey, key.createdAt, key.activatesAt,
                key.retiresAt);
    }

    /** Stores a key's new place in the timeline (a rotation moves activation and retirement only). */
    void updateDates(SigningKeyEntity key) {
        db.update("update signing_keys set activates_at = ?, retires_at = ? where kid = ?", key.activatesAt, key.retiresAt,
                key.kid);
    }

    void delete(SigningKeyEntity key) {
        db.update("delete from signing_keys where kid = ?", key.kid);
    }

    /** Serialises key changes across replicas: blocks until no other transaction holds the lock row. */
    void lockKeyGeneration() {
        db.count("select id from key_generation_lock where id = 1 for update");
    }

    /** The dates of a key as read, to tell which ones a schedule change moved. */
    record Dates(Instant activatesAt, Instant retiresAt) {
        static Dates of(SigningKeyEntity key) {
            return new Dates(key.activatesAt, key.retiresAt);
        }
    }
}
