package org.jwtauth.token;

import org.jwtauth.clients.RegisteredClient;

/**
 * A grant the token endpoint dispatches to another feature by its {@code grant_type} (the OpenID
 * Connect code exchange lives with the sign-in flow), so that feature depends on this one, not back.
 */
public interface GrantType {

    /** The {@code grant_type} value handled. */
    String name();

    /**
     * @param client        the client the request is made by (already authenticated when confidential)
     * @param clientAddress the caller's address for audit, or null
     */
    TokenResponse grant(TokenParameters parameters, RegisteredClient client, String clientAddress);
}
