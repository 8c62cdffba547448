package org.jwtauth.token;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.token.PasswordLogin;
import org.jwtauth.audit.AuditService;
import org.jwtauth.audit.AuditType;
import org.jwtauth.clients.AuthenticatedClient;
import org.jwtauth.clients.ClientService;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.metrics.AuthMetrics;
import org.jwtauth.sessions.SessionGrant;
import org.jwtauth.sessions.SessionService;
import org.jwtauth.token.AccessTokenIssuer.IssuedToken;
import org.jwtauth.users.AuthenticatedUser;
import org.jwtauth.users.UserService;

/** The grants of the token endpoint (RFC 6749 §4.3, §4.4, §6). */
@ApplicationScoped
public class TokenService {

    private static final String BEARER = "Bearer";

    private final PasswordLogin logins;
    private final UserService users;
    private final ClientService clients;
    private final AccessTokenIssuer issuer;
    private final SessionService sessions;
    private final AuthMetrics metrics;
    private final AuditService audit;

    public TokenService(PasswordLogin logins, UserService users, ClientService clients, AccessTokenIssuer issuer,
            SessionService sessions, AuthMetrics metrics, AuditService audit) {
        this.logins = logins;
        this.users = users;
        this.clients = clients;
        this.issuer = issuer;
        this.sessions = sessions;
        this.metrics = metrics;
        this.audit = audit;
    }

    /** @param clientAddress the caller's address for login throttling and audit, or null */
    TokenResponse grant(TokenParameters parameters, String authorizationHeader, String clientAddress) {
        String grantType = parameters.require("grant_type");
        ClientCredentials credentials = ClientCredentials.from(authorizationHeader, parameters);
        return switch (grantType) {
            case "password" -> passwordGrant(parameters, authenticateClient(credentials), clientAddress);
            case "refresh_token" -> refreshTokenGrant(parameters, authenticateClient(credentials), clientAddress);
            case "client_credentials" -> clientCredentialsGrant(parameters, credentials);
            default -> throw AuthException.unsupportedGrantType(grantType);
        };
    }

    private TokenResponse passwordGrant(TokenParameters parameters, AuthenticatedClient client, String clientAddress) {
        String username = parameters.require("username");
        String password = parameters.require("password");
        AuthenticatedUser user = checkPassword(username, password, clientAddress)
                .orElseThrow(AuthException::invalidCredentials);
        metrics.tokenIssued("password");
        return issueForUser(user, parameters.optional("scope"), client == null ? null : client.clientId());
    }

    /** The plain JSON login: same answer as the password grant, 401 on bad credentials. */
    TokenResponse login(String username, String password, String clientAddress) {
        AuthenticatedUser user = checkPassword(username, password, clientAddress).orElseThrow(AuthException::loginFailed);
        metrics.tokenIssued("login");
        return issueForUser(user, null, null);
    }

    /** The throttled, audited credential check; a lock answers 429 before the password is looked at. */
    private Optional<AuthenticatedUser> checkPassword(String username, String password, String clientAddress) {
        Optional<AuthenticatedUser> user = logins.authenticate(username, password, clientAddress);
        if (user.isEmpty()) {
            metrics.loginFailed();
        }
        return user;
    }

    private TokenResponse issueForUser(AuthenticatedUser user, String scope, String clientId) {
        Set<String> roles = Scopes.grant(scope, user.roles());
        SessionGrant session = sessions.startSession(user.id(), clientId, Scopes.format(roles));
        return issueForSession(user, roles, session);
    }

    /**
     * RFC 6749 §6. The scope is checked against the session (and the user's current roles) before
     * anything rotates, so a refused request never costs the client its refresh token.
     */
    private TokenResponse refreshTokenGrant(TokenParameters parameters, AuthenticatedClient client, String clientAddress) {
        String refreshToken = parameters.require("refresh_token");
        SessionGrant known = sessions.findSessionOf(refreshToken).orElseThrow(TokenService::invalidRefreshToken);
        AuthenticatedUser user = users.findActiveUser(known.userId()).orElseThrow(TokenService::invalidRefreshToken);
        Set<String> available = new HashSet<>(Scopes.parse(known.scope()));
        available.retainAll(user.roles());
        Set<String> roles = Scopes.grant(parameters.optional("scope"), available);
        SessionGrant session = sessions.refresh(refreshToken, client == null ? null : client.clientId(), user.username());
        metrics.tokenIssued("refresh_token");
        audit.record(AuditType.TOKEN_REFRESHED, user.id(), user.username(), clientAddress,
                Map.of("session_id", session.sessionId().toString()));
        return issueForSession(user, roles, session);
    }

    private TokenResponse issueForSession(AuthenticatedUser user, Set<String> roles, SessionGrant session) {
        IssuedToken token = issuer.issue(user.id().toString(), user.username(), roles, session.clientId(),
                session.sessionId().toString());
        return new TokenResponse(token.token(), BEARER, token.expiresIn(), session.refreshToken(), token.scope());
    }

    private static AuthException invalidRefreshToken() {
        return AuthException.invalidGrant("The refresh token is invalid, expired or revoked.");
    }

    private TokenResponse clientCredentialsGrant(TokenParameters parameters, ClientCredentials credentials) {
        AuthenticatedClient client = authenticateClient(credentials);
        if (client == null) {
            throw AuthException.invalidClient();
        }
        Set<String> roles = Scopes.grant(parameters.optional("scope"), client.roles());
        IssuedToken token = issuer.issue(client.clientId(), null, roles, client.clientId(), null);
        metrics.tokenIssued("client_credentials");
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
