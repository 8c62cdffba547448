package org.jwtauth.token;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.clients.AuthenticatedClient;
import org.jwtauth.clients.ClientAuthenticator;
import org.jwtauth.clients.ClientCredentials;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.security.Roles;
import org.jwtauth.sessions.SessionGrant;
import org.jwtauth.sessions.SessionService;
import org.jwtauth.users.AuthenticatedUser;
import org.jwtauth.users.UserService;
import org.jwtauth.verification.AccessTokenVerifier;
import org.jwtauth.verification.TokenRejectedException;
import org.jwtauth.verification.VerifiedAccessToken;

/**
 * Token introspection (RFC 7662) for clients with the {@code introspect} role: an access token is
 * active when it passes every check a resource would make (revocation included), a refresh token
 * when it is the live token of a live session of an enabled user.
 */
@ApplicationScoped
public class IntrospectionService {

    private final ClientAuthenticator clients;
    private final AccessTokenVerifier verifier;
    private final SessionService sessions;
    private final UserService users;
    private final AuthConfig config;

    IntrospectionService(ClientAuthenticator clients, AccessTokenVerifier verifier, SessionService sessions,
            UserService users, AuthConfig config) {
        this.clients = clients;
        this.verifier = verifier;
        this.sessions = sessions;
        this.users = users;
        this.config = config;
    }

    IntrospectionResponse introspect(TokenParameters parameters, String authorizationHeader) {
        authorize(ClientCredentials.from(authorizationHeader, parameters.optional("client_id"),
                parameters.optional("client_secret")));
        String token = parameters.require("token");
        // the two kinds cannot be confused: a JWS has dots, a refresh token never does
        Optional<IntrospectionResponse> answer = token.indexOf('.') >= 0 ? accessToken(token) : refreshToken(token);
        return answer.orElseGet(IntrospectionResponse::inactive);
    }

    /** RFC 7662 §2.1: the caller must authenticate; 401 without valid credentials, 403 without the role. */
    private void authorize(ClientCredentials credentials) {
        AuthenticatedClient client = clients.required(credentials);
        if (!client.roles().contains(Roles.INTROSPECT)) {
            throw new AuthException(403, "unauthorized_client", "This client is not allowed to introspect tokens.");
        }
    }

    private Optional<IntrospectionResponse> accessToken(String token) {
        try {
            VerifiedAccessToken verified = verifier.verify(token);
            List<String> audience = verified.audience();
            return Optional.of(new IntrospectionResponse(true, verified.subject(), verified.username(), verified.scope(),
                    verified.clientId(), verified.expiresAt(), verified.issuedAt(), verified.issuer(),
                    audience.size() == 1 ? audience.get(0) : audience, IntrospectionResponse.ACCESS_TOKEN));
        } catch (TokenRejectedException e) {
            return Optional.empty();
        }
    }

    private Optional<IntrospectionResponse> refreshToken(String token) {
        Optional<SessionGrant> live = sessions.findLiveRefreshToken(token);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        SessionGrant session = live.get();
        return users.findActiveUser(session.userId()).map(user -> new IntrospectionResponse(true,
                user.id().toString(), user.username(), Scopes.format(grantedNow(session, user)), session.clientId(),
                session.expiresAt().getEpochSecond(), session.issuedAt().getEpochSecond(), config.issuer(),
                config.effectiveAudience(), IntrospectionResponse.REFRESH_TOKEN));
    }

    private static Set<String> grantedNow(SessionGrant session, AuthenticatedUser user) {
        Set<String> roles = new HashSet<>(Scopes.parse(session.scope()));
        roles.retainAll(user.roles());
        return roles;
    }
}
