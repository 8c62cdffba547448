package org.jwtauth.keys;

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
        return db.session()
                .createSelectionQuery("from SigningKeyEntity where keyUse = :use order by activatesAt", SigningKeyEntity.class)
                .setParameter("use", use)
                .getResultList();
    }

    void persist(SigningKeyEntity key) {
        db.session().persist(key);
    }

    void delete(SigningKeyEntity key) {
        db.session().remove(key);
    }

    /** Serialises key changes across replicas: blocks until no other transaction holds the lock row. */
    void lockKeyGeneration() {
        db.session().createNativeQuery("SELECT id FROM key_generation_lock WHERE id = 1 FOR UPDATE", Integer.class)
                .getSingleResult();
    }
}
