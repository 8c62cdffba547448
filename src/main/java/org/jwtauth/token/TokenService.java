package org.jwtauth.token;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.abuse.LoginGuard;
import org.jwtauth.clients.AuthenticatedClient;
import org.jwtauth.clients.ClientService;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.token.AccessTokenIssuer.IssuedToken;
import org.jwtauth.users.AuthenticatedUser;

/** The grants of the token endpoint (RFC 6749 §4.3, §4.4). */
@ApplicationScoped
public class TokenService {

    private static final String BEARER = "Bearer";

    private final LoginGuard logins;
    private final ClientService clients;
    private final AccessTokenIssuer issuer;

    public TokenService(LoginGuard logins, ClientService clients, AccessTokenIssuer issuer) {
        this.logins = logins;
        this.clients = clients;
        this.issuer = issuer;
    }

    /** @param clientAddress the caller's address for login throttling and audit, or null */
    TokenResponse grant(TokenParameters parameters, String authorizationHeader, String clientAddress) {
        String grantType = parameters.require("grant_type");
        ClientCredentials credentials = ClientCredentials.from(authorizationHeader, parameters);
        return switch (grantType) {
            case "password" -> passwordGrant(parameters, authenticateClient(credentials), clientAddress);
            case "client_credentials" -> clientCredentialsGrant(parameters, credentials);
            default -> throw AuthException.unsupportedGrantType(grantType);
        };
    }

    private TokenResponse passwordGrant(TokenParameters parameters, AuthenticatedClient client, String clientAddress) {
        String username = parameters.require("username");
        String password = parameters.require("password");
        AuthenticatedUser user = logins.authenticate(username, password, clientAddress).orElseThrow(AuthException::invalidCredentials);
        return issueForUser(user, parameters.optional("scope"), client == null ? null : client.clientId());
    }

    /** The plain JSON login: same answer as the password grant, 401 on bad credentials. */
    TokenResponse login(String username, String password, String clientAddress) {
        AuthenticatedUser user = logins.authenticate(username, password, clientAddress).orElseThrow(AuthException::loginFailed);
        return issueForUser(user, null, null);
    }

    private TokenResponse issueForUser(AuthenticatedUser user, String scope, String clientId) {
        Set<String> roles = Scopes.grant(scope, user.roles());
        String sessionId = UUID.randomUUID().toString();
        IssuedToken token = issuer.issue(user.id().toString(), user.username(), roles, clientId, sessionId);
        return new TokenResponse(token.token(), BEARER, token.expiresIn(), null, token.scope());
    }

    private TokenResponse clientCredentialsGrant(TokenParameters parameters, ClientCredentials credentials) {
        AuthenticatedClient client = authenticateClient(credentials);
        if (client == null) {
            throw AuthException.invalidClient();
        }
        Set<String> roles = Scopes.grant(parameters.optional("scope"), client.roles());
        IssuedToken token = issuer.issue(client.clientId(), null, roles, client.clientId(), null);
        return new TokenResponse(token.token(), BEARER, token.expiresIn(), null, token.scope());
    }

    private AuthenticatedClient authenticateClient(ClientCredentials credentials) {
        if (credentials == null) {
            return null;
        }
        return clients.authenticate(credentials.clientId(), credentials.clientSecret())
                .orElseThrow(AuthException::invalidClient);
    }
}
