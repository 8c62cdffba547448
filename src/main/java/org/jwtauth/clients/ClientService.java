package org.jwtauth.clients;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;
import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.http.PageView;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.security.Roles;
import org.jwtauth.sessions.RevocationService;

/** Service clients: creation with a one-time secret, secret checks, removal. */
@ApplicationScoped
@Transactional
public class ClientService {

    private final ClientRepository repository;
    private final ClientSecrets secrets;
    private final Event<ClientChanged> changes;
    private final RevocationService revocations;
    private final Clock clock;

    ClientService(ClientRepository repository, ClientSecrets secrets, RevocationService revocations,
            Event<ClientChanged> changes, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.revocations = revocations;
        this.changes = changes;
        this.clock = clock;
    }

    /** Creates a client; the returned view is the only place its secret ever appears. */
    public ClientView createClient(String clientId, Collection<String> roles) {
        Client client = new Client();
        client.clientId = clientId == null ? UUID.randomUUID().toString() : clientId;
        String secret = secrets.generate();
        client.secretHash = secrets.hash(secret);
        client.roles = Roles.requireValid(roles);
        client.createdAt = clock.instant();
        if (repository.findById(client.clientId).isPresent()) {
            throw AuthException.clientExists();
        }
        try {
            repository.persist(client);
        } catch (ConstraintViolationException e) {
            throw AuthException.clientExists();
        }
        changes.fire(new ClientChanged(ClientChanged.Change.CREATED, client.clientId, Set.copyOf(client.roles)));
        return ClientView.of(client, secret);
    }

    // REQUIRED: the shared lock lasts as long as the caller's transaction (see ClientRepository.findForShare)
    Optional<AuthenticatedClient> authenticate(String clientId, String secret) {
        return repository.findForShare(clientId)
                .filter(c -> secrets.matches(secret, c.secretHash))
                .map(c -> new AuthenticatedClient(c.clientId, Set.copyOf(c.roles)));
    }

    /**
     * Replaces the client's secret; the answer is the only place the new one appears. The old secret
     * stops working when this commits, and every token the client got with it is refused.
     */
    public ClientView rotateSecret(String clientId) {
        Client client = repository.lock(clientId).orElseThrow(() -> AuthException.notFound("Client"));
        String secret = secrets.generate();
        client.secretHash = secrets.hash(secret);
        revocations.revokeAccessTokensOfSubject(client.clientId, "client-secret-rotated");
        changes.fire(new ClientChanged(ClientChanged.Change.SECRET_ROTATED, client.clientId, Set.copyOf(client.roles)));
        return ClientView.of(client, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ClientView findClient(String clientId) {
        return repository.findById(clientId).map(c -> ClientView.of(c, null))
                .orElseThrow(() -> AuthException.notFound("Client"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageView<ClientView> listClients(PageRequest page) {
        return PageView.of(repository.list(page).stream().map(c -> ClientView.of(c, null)).toList(), page,
                repository.count());
    }

    /** Deletes the client; its tokens and the sessions bound to it end at once. */
    public void deleteClient(String clientId) {
        Client client = repository.lock(clientId).orElseThrow(() -> AuthException.notFound("Client"));
        repository.delete(client);
        revocations.revokeAllForSubject(client.clientId, "client-deleted");
        revocations.revokeSessionsOfClient(client.clientId, "client-deleted");
        changes.fire(new ClientChanged(ClientChanged.Change.DELETED, client.clientId, Set.copyOf(client.roles)));
    }
}
