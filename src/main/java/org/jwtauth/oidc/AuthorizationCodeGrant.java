package org.jwtauth.oidc;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.jwtauth.clients.RegisteredClient;
import org.jwtauth.common.crypto.RandomTokens;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.metrics.AuthMetrics;
import org.jwtauth.oidc.SignInEvent.Kind;
import org.jwtauth.sessions.BrowserSession;
import org.jwtauth.sessions.RevocationService;
import org.jwtauth.sessions.SessionGrant;
import org.jwtauth.sessions.SessionService;
import org.jwtauth.token.AccessTokenIssuer;
import org.jwtauth.token.AccessTokenIssuer.IssuedToken;
import org.jwtauth.token.AccessTokenRequest;
import org.jwtauth.token.GrantType;
import org.jwtauth.token.Scopes;
import org.jwtauth.token.TokenParameters;
import org.jwtauth.token.TokenResponse;
import org.jwtauth.users.AuthenticatedUser;
import org.jwtauth.users.UserService;

/**
 * {@code grant_type=authorization_code} (RFC 6749 §4.1.3, RFC 7636 §4.6, OpenID Connect Core §3.1.3).
 * A code is redeemed once, under its row lock: any attempt uses it up, and a second use revokes the
 * session the first one started (RFC 9700 §4.5: the code may have been stolen).
 */
@ApplicationScoped
class AuthorizationCodeGrant implements GrantType {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeGrant.class);

    private final AuthorizationCodeRepository codes;
    private final UserService users;
    private final SessionService sessions;
    private final RevocationService revocations;
    private final AccessTokenIssuer accessTokens;
    private final IdTokenIssuer idTokens;
    private final AuthMetrics metrics;
    private final Event<SignInEvent> events;
    private final Clock clock;

    AuthorizationCodeGrant(AuthorizationCodeRepository codes, UserService users, SessionService sessions,
            RevocationService revocations, AccessTokenIssuer accessTokens, IdTokenIssuer idTokens, AuthMetrics metrics,
            Event<SignInEvent> events, Clock clock) {
        this.codes = codes;
        this.users = users;
        this.sessions = sessions;
        this.revocations = revocations;
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "authorization_code";
    }

    @Override
    @Transactional(dontRollbackOn = AuthException.class)
    public TokenResponse grant(TokenParameters parameters, RegisteredClient client, String clientAddress) {
        String code = parameters.require("code");
        String redirectUri = parameters.require("redirect_uri");
        String verifier = parameters.require("code_verifier");
        AuthorizationCode row = codes.lock(RandomTokens.sha256Hex(code)).orElseThrow(AuthorizationCodeGrant::invalidCode);
        Instant now = clock.instant();
        if (row.redeemedAt != null) {
            throw reused(row, clientAddress);
        }
        row.redeemedAt = now; // used up by this attempt, whatever its outcome
        codes.markRedeemed(row);
        if (!row.expiresAt.isAfter(now) || !row.clientId.equals(client.clientId())) {
            throw invalidCode();
        }
        if (!row.redirectUri.equals(redirectUri)) {
            throw AuthException.invalidGrant("The redirect_uri is not the one the code was issued for.");
        }
        if (!Pkce.matches(verifier, row.codeChallenge)) {
            throw AuthException.invalidGrant("The code_verifier does not match the code_challenge.");
        }
        // user first, then session: the order every change of rights takes the same locks in
        AuthenticatedUser user = users.lockActiveUser(row.userId).orElseThrow(AuthorizationCodeGrant::invalidCode);
        BrowserSession browser = sessions.lockLiveBrowserSession(row.browserSessionId)
                .orElseThrow(AuthorizationCodeGrant::invalidCode);
        return redeem(row, client, user, browser, clientAddress);
    }

    private TokenResponse redeem(AuthorizationCode row, RegisteredClient client, AuthenticatedUser user,
            BrowserSession browser, String clientAddress) {
        Set<String> roles = new HashSet<>(Scopes.parse(row.scope));
        roles.retainAll(user.roles()); // a role removed since the code was issued is not granted
        SessionGrant session = sessions.startSession(user.id(), client.clientId(), Scopes.format(roles), browser.sessionId());
        row.sessionId = session.sessionId();
        codes.recordSession(row);
        IssuedToken token = accessTokens.issue(AccessTokenRequest.forUser(user, roles, client.clientId(), session.sessionId()));
        String scope = row.openid ? (AuthorizationRequestParser.OPENID + " " + token.scope()).strip() : token.scope();
        TokenResponse response = new TokenResponse(token.token(), "Bearer", token.expiresIn(), session.refreshToken(), scope);
        if (row.openid) {
            response = response.withIdToken(idTokens.issue(user.id(), user.username(), client.clientId(), row.nonce,
                    row.authTime, browser.sessionId()));
        }
        events.fire(new SignInEvent(Kind.CODE_EXCHANGED, user.id(), user.username(), client.clientId(),
                session.sessionId(), clientAddress));
        metrics.tokenIssued(name());
        return response;
    }

    private AuthException reused(AuthorizationCode row, String clientAddress) {
        if (row.sessionId != null) {
            revocations.revokeSession(row.sessionId, "authorization-code-reuse");
        }
        LOG.warnf("Authorization code of client %s used twice: session %s revoked", row.clientId, row.sessionId);
        String username = users.findActiveUser(row.userId).map(AuthenticatedUser::username).orElse(null);
        events.fire(new SignInEvent(Kind.CODE_REUSED, row.userId, username, row.clientId, row.sessionId, clientAddress));
        return AuthException.invalidGrant("The authorization code was already used; the tokens it produced are revoked.");
    }

    private static AuthException invalidCode() {
        return AuthException.invalidGrant("The authorization code is invalid, expired or already used.");
    }
}
