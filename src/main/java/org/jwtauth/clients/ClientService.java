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

/** Service clients: creation with a one-time secret, secret checks, removal. */
@ApplicationScoped
@Transactional
public class ClientService {

    private final ClientRepository repository;
    private final ClientSecrets secrets;
    private final Event<ClientChanged> changes;
    private final Clock clock;

    ClientService(ClientRepository repository, ClientSecrets secrets, Event<ClientChanged> changes, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
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

    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<AuthenticatedClient> authenticate(String clientId, String secret) {
        return repository.findById(clientId)
                .filter(c -> secrets.matches(secret, c.secretHash))
                .map(c -> new AuthenticatedClient(c.clientId, Set.copyOf(c.roles)));
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

    public void deleteClient(String clientId) {
        Client client = repository.findById(clientId).orElseThrow(() -> AuthException.notFound("Client"));
        repository.delete(client);
        changes.fire(new ClientChanged(ClientChanged.Change.DELETED, client.clientId, Set.copyOf(client.roles)));
    }
}
