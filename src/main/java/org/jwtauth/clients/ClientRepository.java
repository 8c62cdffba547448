package org.jwtauth.clients;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jwtauth.common.persistence.Database;

/** Queries on service clients. */
@ApplicationScoped
public class ClientRepository {

    private final Database db;

    ClientRepository(Database db) {
        this.db = db;
    }

    Optional<Client> findById(String clientId) {
        return Optional.ofNullable(db.session().find(Client.class, clientId));
    }

    /**
     * The client under a shared row lock until the transaction ends: a token timed meanwhile is
     * issued before any delete or secret rotation of the client can record its cut-off.
     */
    Optional<Client> findForShare(String clientId) {
        return Optional.ofNullable(db.session().find(Client.class, clientId, LockModeType.PESSIMISTIC_READ));
    }

    /** The client under an exclusive row lock: waits for grants that are timing a token for it. */
    Optional<Client> lock(String clientId) {
        return db.lock(Client.class, clientId);
    }

    /** Newest first: the client an admin just created is on the first page. */
    List<Client> list(int offset, int limit) {
        return db.session().createSelectionQuery("from Client order by createdAt desc, clientId", Client.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    long count() {
        return db.session().createSelectionQuery("select count(*) from Client", Long.class).getSingleResult();
    }

    void persist(Client client) {
        db.session().persist(client);
        db.session().flush();
    }

    void delete(Client client) {
        db.session().remove(client);
    }
}
