package org.jwtauth.clients;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.http.PageRequest;
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

    List<Client> list(PageRequest page) {
        return db.session().createSelectionQuery("from Client order by clientId", Client.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
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
