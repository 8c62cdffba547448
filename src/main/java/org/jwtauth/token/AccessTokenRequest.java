package org.jwtauth.token;

import java.util.Set;
import java.util.UUID;

import org.jwtauth.clients.AuthenticatedClient;
import org.jwtauth.users.AuthenticatedUser;

/**
 * What one access token says: who ({@code sub}, {@code upn}), which roles, which client asked and
 * which session it belongs to.
 *
 * @param username  the user's name, null for a client's own token
 * @param clientId  the client that asked, or null
 * @param sessionId the login session, or null for a token without one
 */
public record AccessTokenRequest(String subject, String username, Set<String> roles, String clientId, UUID sessionId) {

    public static AccessTokenRequest forUser(AuthenticatedUser user, Set<String> roles, String clientId, UUID sessionId) {
        return new AccessTokenRequest(user.id().toString(), user.username(), roles, clientId, sessionId);
    }

    static AccessTokenRequest forClient(AuthenticatedClient client, Set<String> roles) {
        return new AccessTokenRequest(client.clientId(), null, roles, client.clientId(), null);
    }
}
