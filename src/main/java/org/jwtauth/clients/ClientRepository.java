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

    /**
     * What a grant needs of a client, read in one statement under the same row lock as
     * {@link #findForShare}, with no entity loaded: the client_credentials grant runs this on every
     * call, and loading the entity cost two statements (its collections joined, then the lock) and a
     * dirty check at commit.
     */
    Optional<StoredClientAccess> lockForGrant(String clientId) {
        // PostgreSQL shares the lock (H2 only has FOR UPDATE)
        List<Object[]> rows = db.lockedRows("select c.client_type, c.secret_hash, r.role from clients c"
                + " left join client_roles r on r.client_id = c.client_id where c.client_id = ?", clientId,
                "for update", "for share of c");
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] first = rows.get(0);
        return Optional.of(new StoredClientAccess(ClientType.of((String) first[0]), (String) first[1], Database.values(rows, 2)));
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
