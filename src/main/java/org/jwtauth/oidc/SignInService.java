package org.jwtauth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.crypto.RandomTokens;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.oidc.AuthorizationRequest.Prompt;
import org.jwtauth.oidc.SignInEvent.Kind;
import org.jwtauth.sessions.BrowserSession;
import org.jwtauth.sessions.SessionService;
import org.jwtauth.token.PasswordLogin;
import org.jwtauth.token.Scopes;
import org.jwtauth.users.AuthenticatedUser;
import org.jwtauth.users.UserService;

/**
 * The sign-in of the authorization code flow (SPEC §11): reuses a live browser session when the
 * request allows it, else checks the password exactly as {@code /auth/login} does (throttle, lockout,
 * one answer for every failure), then issues a code bound to client, redirect URI and PKCE challenge.
 */
@ApplicationScoped
public class SignInService {

    private final PasswordLogin logins;
    private final UserService users;
    private final SessionService sessions;
    private final AuthorizationCodeRepository codes;
    private final Event<SignInEvent> events;
    private final Duration codeLifetime;
    private final Clock clock;

    SignInService(PasswordLogin logins, UserService users, SessionService sessions, AuthorizationCodeRepository codes,
            Event<SignInEvent> events, AuthConfig config, Clock clock) {
        this.logins = logins;
        this.users = users;
        this.sessions = sessions;
        this.codes = codes;
        this.events = events;
        this.codeLifetime = config.signIn().codeLifetime();
        this.clock = clock;
    }

    /** The browser session behind the single sign-on cookie, while it lives and its user is enabled. */
    public Optional<BrowserSession> currentSession(String cookie) {
        return sessions.findBrowserSession(cookie).filter(s -> users.findActiveUser(s.userId()).isPresent());
    }

    /** Whether the request may be answered from the browser session without showing the form. */
    public boolean canReuse(AuthorizationRequest request, Optional<BrowserSession> session) {
        if (session.isEmpty() || request.prompt() == Prompt.LOGIN) {
            return false;
        }
        Long maxAge = request.maxAge();
        return maxAge == null || !session.get().authTime().plusSeconds(maxAge).isBefore(clock.instant());
    }

    /**
     * Checks the password under the login throttle; a lockout is the usual 429 {@link AuthException}.
     * Empty for every failure: unknown user, wrong password, disabled user alike.
     */
    public Optional<IssuedCode> signIn(AuthorizationRequest request, String username, String password, String clientAddress) {
        Optional<AuthenticatedUser> user = logins.authenticate(username, password, clientAddress);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Optional<IssuedCode> code;
        try {
            code = issue(request, user.get().id(), null, clientAddress);
        } catch (AuthorizationError e) {
            logins.recordRefusal(user.get(), clientAddress); // a scope the user lacks
            throw e;
        }
        if (code.isEmpty()) {
            logins.recordRefusal(user.get(), clientAddress); // disabled while the password was checked
        }
        return code;
    }

    /** A code from the live browser session; empty when its user was disabled meanwhile (sign in again). */
    public Optional<IssuedCode> signInBySession(AuthorizationRequest request, BrowserSession session, String clientAddress) {
        return issue(request, session.userId(), session, clientAddress);
    }

    /**
     * Under the user's row lock, like every grant: a disable that commits first is seen here, one that
     * commits later revokes the browser session this starts.
     */
    @Transactional
    Optional<IssuedCode> issue(AuthorizationRequest request, UUID userId, BrowserSession existing, String clientAddress) {
        Optional<AuthenticatedUser> found = users.lockActiveUser(userId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AuthenticatedUser user = found.get();
        Set<String> roles = grantedRoles(request, user);
        BrowserSession browser = existing != null ? existing : sessions.startBrowserSession(user.id());
        if (existing == null) {
            logins.recordSuccess(user, clientAddress);
        }
        String code = RandomTokens.generate();
        codes.persist(codeRow(request, code, user, roles, browser));
        events.fire(new SignInEvent(existing != null ? Kind.SIGNED_IN_BY_SESSION : Kind.SIGNED_IN_WITH_PASSWORD,
                user.id(), user.username(), request.client().clientId(), browser.sessionId(), clientAddress));
        return Optional.of(new IssuedCode(code, browser));
    }

    private static Set<String> grantedRoles(AuthorizationRequest request, AuthenticatedUser user) {
        try {
            return Scopes.grant(request.roles().isEmpty() ? null : Scopes.format(request.roles()), user.roles());
        } catch (AuthException e) {
            throw AuthorizationError.toClient(request.redirectUri(), request.state(), "invalid_scope", e.description());
        }
    }

    private AuthorizationCode codeRow(AuthorizationRequest request, String code, AuthenticatedUser user, Set<String> roles,
            BrowserSession browser) {
        Instant now = clock.instant();
        AuthorizationCode row = new AuthorizationCode();
        row.codeHash = RandomTokens.sha256Hex(code);
        row.clientId = request.client().clientId();
        row.redirectUri = request.redirectUri();
        row.codeChallenge = request.codeChallenge();
        row.userId = user.id();
        row.browserSessionId = browser.sessionId();
        row.scope = Scopes.format(roles);
        row.openid = request.openid();
        row.nonce = request.nonce();
        row.authTime = browser.authTime();
        row.expiresAt = now.plus(codeLifetime);
        return row;
    }
}
