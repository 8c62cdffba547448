package org.jwtauth.clients;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.http.PageView;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.persistence.DataAccessException;
import org.jwtauth.common.security.Roles;
import org.jwtauth.sessions.RevocationService;

/** Registered clients: creation (a confidential one with a one-time secret), secret checks, removal. */
@ApplicationScoped
@Transactional
public class ClientService {

    private final ClientRepository repository;
    private final ClientSecrets secrets;
    private final Event<ClientChanged> changes;
    private final RevocationService revocations;
    private final BuiltInClients builtIn;
    private final Clock clock;

    ClientService(ClientRepository repository, ClientSecrets secrets, RevocationService revocations,
            Event<ClientChanged> changes, BuiltInClients builtIn, Clock clock) {
        this.repository = repository;
        this.builtIn = builtIn;
        this.secrets = secrets;
        this.revocations = revocations;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Creates a client; for a confidential one the returned view is the only place its secret ever
     * appears. A public client gets no secret.
     */
    public ClientView createClient(String clientId, ClientType type, Collection<String> roles, List<String> redirectUris) {
        Client client = new Client();
        client.clientId = clientId == null ? UUID.randomUUID().toString() : clientId;
        ClientType clientType = type == null ? ClientType.CONFIDENTIAL : type;
        client.type = clientType.value();
        String secret = clientType == ClientType.PUBLIC ? null : secrets.generate();
        client.secretHash = secret == null ? null : secrets.hash(secret);
        client.roles = Roles.requireValid(roles);
        client.redirectUris = new HashSet<>(RedirectUris.requireValid(redirectUris));
        client.createdAt = clock.instant();
        if (builtIn.isBuiltIn(client.clientId) || repository.findById(client.clientId).isPresent()) {
            throw AuthException.clientExists();
        }
        try {
            repository.insert(client);
        } catch (DataAccessException e) {
            if (DataAccessException.isUniqueViolation(e)) {
                throw AuthException.clientExists(); // created meanwhile by a concurrent request
            }
            throw e;
        }
        changes.fire(new ClientChanged(ClientChanged.Change.CREATED, client.clientId, Set.copyOf(client.roles)));
        return ClientView.of(client, secret);
    }

    /**
     * The client, when the secret is right for it: a confidential client's secret must match, a public
     * client has none to send. REQUIRED: the shared lock lasts as long as the caller's transaction (see
     * ClientRepository.findForShare).
     */
    Optional<RegisteredClient> authenticate(String clientId, String secret) {
        return repository.findForShare(clientId)
                .filter(c -> secretMatches(secret, c.secretHash))
                .map(Client::registered);
    }

    /** A client's type and roles for a grant, when the secret is right for it; the same lock as {@link #authenticate}. */
    Optional<StoredClientAccess> authenticateForGrant(String clientId, String secret) {
        return repository.lockForGrant(clientId).filter(c -> secretMatches(secret, c.secretHash()));
    }

    private boolean secretMatches(String secret, String storedHash) {
        return storedHash == null ? secret == null : secret != null && secrets.matches(secret, storedHash);
    }

    /** A client by id, built-in ones included, for the authorization endpoint (no secret is involved there). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RegisteredClient> findRegistered(String clientId) {
        if (clientId == null) {
            return Optional.empty();
        }
        return builtIn.find(clientId).or(() -> repository.findById(clientId).map(Client::registered));
    }

    /**
     * Replaces the client's secret; the answer is the only place the new one appears. The old secret
     * stops working when this commits, and every token the client got with it is refused.
     */
    public ClientView rotateSecret(String clientId) {
        refuseBuiltIn(clientId);
        Client client = repository.lock(clientId).orElseThrow(() -> AuthException.notFound("Client"));
        if (client.clientType() == ClientType.PUBLIC) {
            throw AuthException.invalidRequest("A public client has no secret to rotate.");
        }
        String secret = secrets.generate();
        client.secretHash = secrets.hash(secret);
        repository.updateSecret(client);
        revocations.revokeAccessTokensOfSubject(client.clientId, "client-secret-rotated");
        changes.fire(new ClientChanged(ClientChanged.Change.SECRET_ROTATED, client.clientId, Set.copyOf(client.roles)));
        return ClientView.of(client, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ClientView findClient(String clientId) {
        Optional<RegisteredClient> defined = builtIn.find(clientId);
        if (defined.isPresent()) {
            return ClientView.builtIn(defined.get());
        }
        return repository.findById(clientId).map(c -> ClientView.of(c, null))
                .orElseThrow(() -> AuthException.notFound("Client"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageView<ClientView> listClients(PageRequest page) {
        // the built-in clients come first, then the registered ones, as one list
        List<ClientView> defined = builtIn.all().stream().map(ClientView::builtIn).toList();
        int from = Math.min(page.offset(), defined.size());
        int to = Math.min(page.offset() + page.size(), defined.size());
        List<ClientView> items = new ArrayList<>(defined.subList(from, to));
        int stored = page.size() - items.size();
        if (stored > 0) {
            repository.list(page.offset() + items.size() - defined.size(), stored)
                    .forEach(c -> items.add(ClientView.of(c, null)));
        }
        return PageView.of(items, page, defined.size() + repository.count());
    }

    /** Deletes the client; its tokens and the sessions bound to it end at once. */
    public void deleteClient(String clientId) {
        refuseBuiltIn(clientId);
        Client client = repository.lock(clientId).orElseThrow(() -> AuthException.notFound("Client"));
        repository.delete(client);
        revocations.revokeAllForSubject(client.clientId, "client-deleted");
        revocations.revokeSessionsOfClient(client.clientId, "client-deleted");
        changes.fire(new ClientChanged(ClientChanged.Change.DELETED, client.clientId, Set.copyOf(client.roles)));
    }

    private void refuseBuiltIn(String clientId) {
        if (builtIn.isBuiltIn(clientId)) {
            throw new AuthException(409, "conflict", "The client '" + clientId + "' is built in; it cannot be changed.");
        }
    }
}
