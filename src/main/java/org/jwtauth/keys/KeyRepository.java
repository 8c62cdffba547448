package org.jwtauth.keys;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.storage.Database;

/** Queries on managed signing keys. */
@ApplicationScoped
public class KeyRepository {

    private final Database db;

    KeyRepository(Database db) {
        this.db = db;
    }

    List<SigningKeyEntity> listAll() {
        return db.session().createSelectionQuery("from SigningKeyEntity order by activatesAt", SigningKeyEntity.class)
                .getResultList();
    }

    void persist(SigningKeyEntity key) {
        db.session().persist(key);
    }

    /** Serialises key creation across replicas: blocks until no other transaction holds the lock row. */
    void lockKeyGeneration() {
        db.session().createNativeQuery("SELECT id FROM key_generation_lock WHERE id = 1 FOR UPDATE", Integer.class)
                .getSingleResult();
    }
}
