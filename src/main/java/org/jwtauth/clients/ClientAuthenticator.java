package org.jwtauth.clients;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.error.AuthException;

/**
 * Client authentication (RFC 6749 §2.3) for every endpoint that takes it: a confidential client must
 * send its right secret, a public client must send none, and credentials that are present are checked
 * whether or not the endpoint needs them (401 {@code invalid_client} otherwise).
 */
@ApplicationScoped
public class ClientAuthenticator {

    private final ClientService clients;
    private final BuiltInClients builtIn;

    ClientAuthenticator(ClientService clients, BuiltInClients builtIn) {
        this.clients = clients;
        this.builtIn = builtIn;
    }

    /**
     * The client a user grant is made by: the one the request names (authenticated when confidential),
     * or the built-in default client when it names none.
     */
    public RegisteredClient identify(ClientCredentials credentials) {
        if (credentials == null) {
            return builtIn.defaultClient();
        }
        RegisteredClient client = builtIn.find(credentials.clientId())
                .or(() -> clients.authenticate(credentials.clientId(), credentials.clientSecret()))
                .orElseThrow(AuthException::invalidClient);
        if (client.isPublic() == credentials.hasSecret()) {
            throw AuthException.invalidClient(); // a secret for a public client, or none for a confidential one
        }
        return client;
    }

    /** A confidential client that authenticated with its secret (client_credentials, introspection). */
    public AuthenticatedClient required(ClientCredentials credentials) {
        if (credentials == null) {
            throw AuthException.invalidClient();
        }
        // the same rules as identify, on a lean read: these grants never need the redirect URIs
        StoredClientAccess client = builtIn.find(credentials.clientId())
                .map(c -> new StoredClientAccess(c.type(), null, c.roles()))
                .or(() -> clients.authenticateForGrant(credentials.clientId(), credentials.clientSecret()))
                .orElseThrow(AuthException::invalidClient);
        boolean isPublic = client.type() == ClientType.PUBLIC;
        if (isPublic == credentials.hasSecret()) {
            throw AuthException.invalidClient();
        }
        if (isPublic) {
            throw AuthException.unauthorizedClient("A public client cannot use this grant: it has no secret.");
        }
        return new AuthenticatedClient(credentials.clientId(), client.roles());
    }
}
