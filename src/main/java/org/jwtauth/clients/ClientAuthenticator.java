package org.jwtauth.clients;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.error.AuthException;

/**
 * Client authentication (RFC 6749 §2.3) for every endpoint that takes it: credentials that are
 * present must be right (401 {@code invalid_client} otherwise), whether or not the endpoint needs them.
 */
@ApplicationScoped
public class ClientAuthenticator {

    private final ClientService clients;

    ClientAuthenticator(ClientService clients) {
        this.clients = clients;
    }

    /** The client, when the request authenticates one; empty when it carries no client credentials. */
    public Optional<AuthenticatedClient> optional(ClientCredentials credentials) {
        if (credentials == null) {
            return Optional.empty();
        }
        return Optional.of(clients.authenticate(credentials.clientId(), credentials.clientSecret())
                .orElseThrow(AuthException::invalidClient));
    }

    /** The client the request must authenticate. */
    public AuthenticatedClient required(ClientCredentials credentials) {
        return optional(credentials).orElseThrow(AuthException::invalidClient);
    }
}
