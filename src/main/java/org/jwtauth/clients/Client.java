package org.jwtauth.clients;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A registered client: confidential (authenticates with its secret, held only as a hash) or public (no secret).
 * A row of {@code clients} with its {@code client_roles} and {@code client_redirect_uris}.
 */
public class Client {

    public String clientId;

    /** Null for a public client. */
    public String secretHash;

    /** {@link ClientType#value()}. */
    public String type = ClientType.CONFIDENTIAL.value();

    public Set<String> redirectUris = new HashSet<>();

    public Set<String> roles = new HashSet<>();

    public Instant createdAt;

    ClientType clientType() {
        return ClientType.of(type);
    }

    RegisteredClient registered() {
        return new RegisteredClient(clientId, clientType(), Set.copyOf(roles), redirectUris.stream().sorted().toList());
    }
}
