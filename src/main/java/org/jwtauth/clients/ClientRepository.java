package org.jwtauth.clients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.persistence.Database;

/** Queries on service clients, their roles and redirect URIs. */
@ApplicationScoped
public class ClientRepository {

    private static final String COLUMNS = "select client_id, secret_hash, client_type, created_at from clients";

    private final Database db;

    ClientRepository(Database db) {
        this.db = db;
    }

    Optional<Client> findById(String clientId) {
        return db.first(COLUMNS + " where client_id = ?", ClientRepository::client, clientId).map(this::withSets);
    }

    /**
     * The client under a shared row lock until the transaction ends: a token timed meanwhile is
     * issued before any delete or secret rotation of the client can record its cut-off.
     */
    Optional<Client> findForShare(String clientId) {
        // PostgreSQL shares the lock (H2 only has FOR UPDATE)
        String lock = db.isPostgres() ? " for share" : " for update";
        return db.first(COLUMNS + " where client_id = ?" + lock, ClientRepository::client, clientId).map(this::withSets);
    }

    /**
     * What a grant needs of a client, read in one statement under the same row lock as
     * {@link #findForShare}: the client_credentials grant runs this on every call.
     */
    Optional<StoredClientAccess> lockForGrant(String clientId) {
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
        return db.first(COLUMNS + " where client_id = ?" + db.forUpdate(), ClientRepository::client, clientId)
                .map(this::withSets);
    }

    /** Newest first: the client an admin just created is on the first page. */
    List<Client> list(int offset, int limit) {
        List<Client> clients = db.list(COLUMNS + " order by created_at desc, client_id limit ? offset ?",
                ClientRepository::client, limit, offset);
        if (clients.isEmpty()) {
            return clients;
        }
        Map<String, Client> byId = new HashMap<>();
        clients.forEach(c -> byId.put(c.clientId, c));
        List<String> ids = List.copyOf(byId.keySet());
        db.list("select client_id, role from client_roles where client_id in (?)",
                        row -> new String[] {row.getString(1), row.getString(2)}, ids)
                .forEach(row -> byId.get(row[0]).roles.add(row[1]));
        db.list("select client_id, redirect_uri from client_redirect_uris where client_id in (?)",
                        row -> new String[] {row.getString(1), row.getString(2)}, ids)
                .forEach(row -> byId.get(row[0]).redirectUris.add(row[1]));
        return clients;
    }

    long count() {
        return db.count("select count(*) from clients");
    }

    /** Inserts the client with its roles and redirect URIs; a taken id fails with a unique violation. */
    void insert(Client client) {
        db.update("insert into clients (client_id, secret_hash, client_type, created_at) values (?, ?, ?, ?)",
                client.clientId, client.secretHash, client.type, client.createdAt);
        List<Object[]> roles = new ArrayList<>();
        client.roles.forEach(role -> roles.add(new Object[] {client.clientId, role}));
        db.batch("insert into client_roles (client_id, role) values (?, ?)", roles);
        List<Object[]> uris = new ArrayList<>();
        client.redirectUris.forEach(uri -> uris.add(new Object[] {client.clientId, uri}));
        db.batch("insert into client_redirect_uris (client_id, redirect_uri) values (?, ?)", uris);
    }

    void updateSecret(Client client) {
        db.update("update clients set secret_hash = ? where client_id = ?", client.secretHash, client.clientId);
    }

    /** Deletes the client; its roles and redirect URIs go with it (ON DELETE CASCADE). */
    void delete(Client client) {
        db.update("delete from clients where client_id = ?", client.clientId);
    }

    private Client withSets(Client client) {
        client.roles.addAll(db.list("select role from client_roles where client_id = ?", row -> row.getString(1),
                client.clientId));
        client.redirectUris.addAll(db.list("select redirect_uri from client_redirect_uris where client_id = ?",
                row -> row.getString(1), client.clientId));
        return client;
    }

    private static Client client(ResultSet row) throws SQLException {
        Client client = new Client();
        client.clientId = row.getString(1);
        client.secretHash = row.getString(2);
        client.type = row.getString(3);
        client.createdAt = Database.instant(row, 4);
        return client;
    }
}
