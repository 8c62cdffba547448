package org.jwtauth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import org.jwtauth.clients.AuthenticatedClient;
import org.jwtauth.clients.ClientAuthenticator;
import org.jwtauth.clients.ClientCredentials;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.metrics.AuthMetrics;
import org.jwtauth.sessions.SessionGrant;
import org.jwtauth.sessions.SessionService;
import org.jwtauth.token.AccessTokenIssuer.IssuedToken;
import org.jwtauth.users.AuthenticatedUser;
import org.jwtauth.users.UserService;

/**
 * The grants of the token endpoint (RFC 6749 §4.3, §4.4, §6) and the plain JSON login; grants of
 * other features ({@link GrantType}, e.g. {@code authorization_code}) are dispatched to them.
 */
@ApplicationScoped
public class TokenService {

    private static final String BEARER = "Bearer";

    private final PasswordLogin logins;
    private final UserService users;
    private final ClientAuthenticator clients;
    private final AccessTokenIssuer issuer;
    private final SessionService sessions;
    private final AuthMetrics metrics;
    private final Event<TokenRefreshed> refreshes;
    private final Map<String, GrantType> otherGrants;
    private final Clock clock;

    TokenService(PasswordLogin logins, UserService users, ClientAuthenticator clients, AccessTokenIssuer issuer,
            SessionService sessions, AuthMetrics metrics, Event<TokenRefreshed> refreshes, Instance<GrantType> otherGrants,
            Clock clock) {
        this.clock = clock;
        this.otherGrants = otherGrants.stream().collect(Collectors.toUnmodifiableMap(GrantType::name, g -> g));
        this.logins = logins;
        this.users = users;
        this.clients = clients;
        this.issuer = issuer;
        this.sessions = sessions;
        this.metrics = metrics;
        this.refreshes = refreshes;
    }

    /** @param clientAddress the caller's address for login throttling and audit, or null */
    TokenResponse grant(TokenParameters parameters, String authorizationHeader, String clientAddress) {
        String grantType = parameters.require("grant_type");
        ClientCredentials credentials = ClientCredentials.from(authorizationHeader,
                parameters.optional("client_id"), parameters.optional("client_secret"));
        return switch (grantType) {
            case "password" -> passwordGrant(parameters, clients.identify(credentials).clientId(), clientAddress);
            case "refresh_token" -> refreshTokenGrant(parameters, clients.identify(credentials).clientId(), clientAddress);
            case "client_credentials" -> clientCredentialsGrant(parameters, credentials);
            default -> {
                GrantType other = otherGrants.get(grantType);
                if (other == null) {
                    throw AuthException.unsupportedGrantType(grantType);
                }
                yield other.grant(parameters, clients.identify(credentials), clientAddress);
            }
        };
    }

    private TokenResponse passwordGrant(TokenParameters parameters, String clientId, String clientAddress) {
        String username = parameters.require("username");
        String password = parameters.require("password");
        AuthenticatedUser user = logins.authenticate(username, password, clientAddress)
                .orElseThrow(AuthException::invalidCredentials);
        TokenResponse response = issueAfterLogin(user, parameters.optional("scope"), clientId, clientAddress,
                AuthException::invalidCredentials);
        metrics.tokenIssued("password");
        return response;
    }

    /** The plain JSON login: same answer as the password grant, 401 on bad credentials. */
    TokenResponse login(String username, String password, String clientAddress) {
        AuthenticatedUser user = logins.authenticate(username, password, clientAddress)
                .orElseThrow(AuthException::loginFailed);
        TokenResponse response = issueAfterLogin(user, null, clients.identify(null).clientId(), clientAddress,
                AuthException::loginFailed);
        metrics.tokenIssued("login");
        return response;
    }

    private TokenResponse issueAfterLogin(AuthenticatedUser user, String scope, String clientId, String clientAddress,
            Supplier<AuthException> refused) {
        Decision decision;
        try {
            decision = startSessionFor(user.id(), scope, clientId, clientAddress, refused);
        } catch (AuthException e) {
            logins.recordRefusal(user, clientAddress);
            throw e;
        }
        return sign(decision);
    }

    /**
     * Starts the session and times its first token under the user's row lock, with the roles read
     * under it: a disable, delete or demotion that commits while the password was being checked is
     * seen here (the login fails like a wrong password), and one that commits later revokes what
     * this transaction made. The token is signed after the commit.
     */
    @Transactional
    Decision startSessionFor(UUID userId, String scope, String clientId, String clientAddress,
            Supplier<AuthException> refused) {
        AuthenticatedUser user = users.lockActiveUser(userId).orElseThrow(refused);
        Set<String> roles = Scopes.grant(scope, user.roles());
        SessionGrant session = sessions.startSession(user.id(), clientId, Scopes.format(roles));
        logins.recordSuccess(user, clientAddress);
        return forSession(user, roles, session);
    }

    /**
     * RFC 6749 §6, in one transaction: the scope is checked against the session (and the user's
     * current roles) before anything rotates, so a refused request never costs the client its
     * refresh token; a detected reuse commits the session's revocation although the call fails.
     * The new access token is signed after the commit, outside the locks.
     */
    TokenResponse refreshTokenGrant(TokenParameters parameters, String clientId, String clientAddress) {
        TokenResponse response = sign(rotate(parameters.require("refresh_token"), parameters.optional("scope"),
                clientId, clientAddress));
        metrics.tokenIssued("refresh_token");
        return response;
    }

    @Transactional(dontRollbackOn = AuthException.class)
    Decision rotate(String refreshToken, String scope, String clientId, String clientAddress) {
        SessionGrant known = sessions.findSessionOf(refreshToken).orElseThrow(TokenService::invalidRefreshToken);
        // locked before the session, in the order every change of rights takes the same locks
        AuthenticatedUser user = users.lockActiveUser(known.userId()).orElseThrow(TokenService::invalidRefreshToken);
        SessionGrant session = sessions.refresh(known.sessionId(), user.id(), refreshToken, clientId, user.username(),
                sessionScope -> refreshedRoles(sessionScope, user, scope));
        Set<String> roles = refreshedRoles(session.scope(), user, scope);
        refreshes.fire(new TokenRefreshed(session.sessionId(), user.id(), user.username(), clientAddress));
        return forSession(user, roles, session);
    }

    /** What a refresh may carry: the requested scope within the session's, and the user's current roles. */
    private static Set<String> refreshedRoles(String sessionScope, AuthenticatedUser user, String requested) {
        Set<String> available = new HashSet<>(Scopes.parse(sessionScope));
        available.retainAll(user.roles());
        return Scopes.grant(requested, available);
    }

    /** The token a user's session gets, timed now: under the locks the caller's transaction holds. */
    private Decision forSession(AuthenticatedUser user, Set<String> roles, SessionGrant session) {
        return new Decision(AccessTokenRequest.forUser(user, roles, session.clientId(), session.sessionId()),
                clock.instant(), session.refreshToken());
    }

    private TokenResponse sign(Decision decision) {
        IssuedToken token = issuer.issue(decision.request(), decision.issuedAt());
        return new TokenResponse(token.token(), BEARER, token.expiresIn(), decision.refreshToken(), token.scope());
    }

    /**
     * What a grant decided inside its transaction: the token's content and time, fixed under the
     * row locks that order it against a concurrent revocation (whose cut-off then falls at or after
     * {@code issuedAt}), so the signature itself can run after the commit.
     */
    record Decision(AccessTokenRequest request, Instant issuedAt, String refreshToken) {
    }

    private static AuthException invalidRefreshToken() {
        return AuthException.invalidGrant("The refresh token is invalid, expired or revoked.");
    }

    private TokenResponse clientCredentialsGrant(TokenParameters parameters, ClientCredentials credentials) {
        TokenResponse response = sign(authorizeClient(parameters.optional("scope"), credentials));
        metrics.tokenIssued("client_credentials");
        return response;
    }

    /**
     * Times the token under the client's row lock (taken by the authentication in this transaction):
     * a delete or secret rotation records its cut-off only after it.
     */
    @Transactional
    Decision authorizeClient(String scope, ClientCredentials credentials) {
        AuthenticatedClient client = clients.required(credentials);
        Set<String> roles = Scopes.grant(scope, client.roles());
        return new Decision(AccessTokenRequest.forClient(client, roles), clock.instant(), null);
    }
}
