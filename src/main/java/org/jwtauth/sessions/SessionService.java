package org.jwtauth.sessions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.metrics.AuthMetrics;
import org.jwtauth.common.crypto.MasterKey;

/**
 * Login sessions (SPEC §2, §5): starts them with a refresh token, rotates it on every use with a
 * grace window for retries, and treats other reuse as theft ({@link RevocationService} ends sessions).
 */
@ApplicationScoped
@Transactional
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    /** Purpose of the subkey that seals the retry copy of a refresh token (never the master key itself). */
    static final String RETRY_COPY_KEY = "refresh-token-retry-copy";

    private final SessionRepository repository;
    private final RefreshTokenFormat tokens;
    private final RevocationService revocations;
    private final MasterKey masterKey;
    private final Duration refreshLifetime;
    private final Duration gracePeriod;
    private final Duration browserLifetime;
    private final String defaultClientId;
    private final AuthMetrics metrics;
    private final Event<RefreshTokenReused> reuses;
    private final Clock clock;

    public SessionService(SessionRepository repository, RefreshTokenFormat tokens, RevocationService revocations,
            MasterKey masterKey, AuthConfig config, AuthMetrics metrics, Event<RefreshTokenReused> reuses, Clock clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.revocations = revocations;
        this.masterKey = masterKey;
        this.refreshLifetime = config.token().refreshLifetime();
        this.gracePeriod = config.token().refreshGracePeriod();
        this.browserLifetime = config.signIn().browserSessionLifetime();
        this.defaultClientId = config.clients().defaultClientId();
        this.metrics = metrics;
        this.reuses = reuses;
        this.clock = clock;
    }

    /** Starts a session for a successful login and returns its first refresh token. */
    public SessionGrant startSession(UUID userId, String clientId, String scope) {
        return startSession(userId, clientId, scope, null);
    }

    /**
     * Starts a session as {@link #startSession(UUID, String, String)}, under a browser session
     * ({@code parentId}, from a code exchange): ending the browser session ends this one too.
     */
    public SessionGrant startSession(UUID userId, String clientId, String scope, UUID parentId) {
        Instant now = clock.instant();
        Session session = new Session();
        session.parentId = parentId;
        session.id = UUID.randomUUID();
        session.userId = userId;
        session.clientId = clientId;
        session.scope = scope;
        session.createdAt = now;
        String token = tokens.issue(session.id, userId);
        rotateTo(session, token, now);
        session.currentSealed = null; // nothing to retry yet
        repository.insert(session);
        return grant(session, token, now);
    }

    /**
     * Starts a browser session for a sign-in through the sign-in page: a session without refresh
     * tokens, found again by its cookie, ended like any other session (logout, revocation, disable).
     */
    public BrowserSession startBrowserSession(UUID userId) {
        Instant now = clock.instant();
        String cookie = RefreshTokens.generate();
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.userId = userId;
        session.scope = "";
        session.createdAt = now;
        session.expiresAt = now.plus(browserLifetime);
        session.browserHash = RefreshTokens.hash(cookie);
        session.currentHash = session.browserHash; // no refresh_tokens row points here: it never refreshes
        repository.insert(session);
        return new BrowserSession(session.id, userId, now, session.expiresAt, cookie);
    }

    /** The live browser session behind a single sign-on cookie; empty for an unknown, ended or expired one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<BrowserSession> findBrowserSession(String cookieValue) {
        if (!RefreshTokens.isPlausible(cookieValue)) {
            return Optional.empty();
        }
        return repository.findLiveBrowserSession(RefreshTokens.hash(cookieValue), clock.instant())
                .map(s -> new BrowserSession(s.id, s.userId, s.createdAt, s.expiresAt, null));
    }

    /** The browser session, if it is still live, read under its row lock (a code exchange starts a session under it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BrowserSession> lockLiveBrowserSession(UUID sessionId) {
        Instant now = clock.instant();
        return repository.lockSession(sessionId)
                .filter(s -> s.browserHash != null && s.isActiveAt(now))
                .map(s -> new BrowserSession(s.id, s.userId, s.createdAt, s.expiresAt, null));
    }

    /**
     * The session and user behind any refresh token the service issued, live or not (only those two
     * ids are set): a token of the current format names them under its MAC, an older one is looked up
     * by its hash. Empty for an unknown or forged token.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SessionGrant> findSessionOf(String refreshToken) {
        if (!RefreshTokens.isPlausible(refreshToken)) {
            return Optional.empty();
        }
        Optional<RefreshTokenFormat.Named> named = tokens.read(refreshToken);
        if (named.isPresent()) {
            return named.map(n -> new SessionGrant(n.sessionId(), n.userId(), null, null, null, null, null));
        }
        return repository.findGrantByTokenHash(RefreshTokens.hash(refreshToken));
    }

    /** Checks the session's scope against a request before anything rotates; throws to refuse it. */
    @FunctionalInterface
    public interface ScopeCheck {
        void check(String sessionScope);
    }

    /**
     * Exchanges a refresh token of the session {@code sessionId} of user {@code userId} (as
     * {@link #findSessionOf} found them) for its successor. The session row is locked, so concurrent
     * refreshes with one token run one after the other: the first rotates, the others are retries
     * inside the grace window and get the same successor. Reuse outside the window, or of any older
     * token, revokes the whole session; that revocation is committed although the call fails.
     * {@code scopeCheck} sees the session's scope first: a refused scope costs the client nothing.
     */
    @Transactional(dontRollbackOn = AuthException.class)
    public SessionGrant refresh(UUID sessionId, UUID userId, String refreshToken, String clientId, String username,
            ScopeCheck scopeCheck) {
        String hash = RefreshTokens.hash(refreshToken);
        Session session = repository.lockSession(sessionId)
                .filter(s -> userId.equals(s.userId))
                .orElseThrow(SessionService::invalidRefreshToken);
        scopeCheck.check(session.scope);
        Instant now = clock.instant();
        if (!session.isActiveAt(now)) {
            throw invalidRefreshToken();
        }
        // sessions from before every request had a client were made by what is now the default client
        String boundTo = session.clientId == null ? defaultClientId : session.clientId;
        if (!Objects.equals(boundTo, clientId)) {
            throw AuthException.invalidGrant("The refresh token was issued to another client.");
        }
        if (hash.equals(session.currentHash)) {
            String successor = tokens.issue(session.id, session.userId);
            rotateTo(session, successor, now);
            repository.saveRotation(session);
            return grant(session, successor, now);
        }
        if (isRetryWithinGrace(session, hash, now)) {
            return grant(session, unseal(session), session.rotatedAt);
        }
        revocations.revokeSessions(List.of(session.id), now, "refresh-token-reuse");
        metrics.refreshReuseDetected();
        reuses.fire(new RefreshTokenReused(session.id, session.userId, username));
        LOG.warnf("Refresh token reuse detected: session %s of user %s revoked", session.id, session.userId);
        throw AuthException.invalidGrant("The refresh token was already used; the session has been revoked.");
    }

    private boolean isRetryWithinGrace(Session session, String hash, Instant now) {
        return hash.equals(session.previousHash)
                && session.currentSealed != null
                && session.rotatedAt != null
                && !now.isAfter(session.rotatedAt.plus(gracePeriod));
    }

    /** The live refresh token's session, for introspection; empty when unknown, rotated, expired or revoked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SessionGrant> findLiveRefreshToken(String refreshToken) {
        if (!RefreshTokens.isPlausible(refreshToken)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = RefreshTokens.hash(refreshToken);
        Optional<RefreshTokenFormat.Named> named = tokens.read(refreshToken);
        if (named.isPresent()) {
            // the live token was issued at the last rotation (or the login) and lives as long as its session
            return repository.findSession(named.get().sessionId())
                    .filter(s -> s.isActiveAt(now) && hash.equals(s.currentHash))
                    .map(s -> new SessionGrant(s.id, s.userId, s.clientId, s.scope, null,
                            s.rotatedAt != null ? s.rotatedAt : s.createdAt, s.expiresAt));
        }
        return repository.findToken(hash).flatMap(token -> repository.findSession(token.sessionId)
                .filter(s -> s.isActiveAt(now) && hash.equals(s.currentHash))
                .map(s -> new SessionGrant(s.id, s.userId, s.clientId, s.scope, null, token.issuedAt, token.expiresAt)));
    }

    /**
     * Makes the token the session's live one; the former live token becomes the direct predecessor.
     * Only the session row changes: a token names its session, so none is stored per token.
     */
    private void rotateTo(Session session, String token, Instant now) {
        session.previousHash = session.currentHash;
        session.currentHash = RefreshTokens.hash(token);
        session.rotatedAt = session.previousHash == null ? null : now;
        session.expiresAt = now.plus(refreshLifetime);
        session.currentSealed = masterKey.encryptFor(RETRY_COPY_KEY, token.getBytes(StandardCharsets.UTF_8), sealLabel(session));
    }

    // a copy sealed under the master key itself by an earlier version lives at most one grace window
    private String unseal(Session session) {
        byte[] token = masterKey.decryptFor(RETRY_COPY_KEY, session.currentSealed, sealLabel(session))
                .orElseGet(() -> masterKey.decrypt(session.currentSealed, sealLabel(session)));
        return new String(token, StandardCharsets.UTF_8);
    }

    private static String sealLabel(Session session) {
        return "refresh-token:" + session.id + ":" + session.currentHash;
    }

    private static SessionGrant grant(Session session, String token, Instant issuedAt) {
        return new SessionGrant(session.id, session.userId, session.clientId, session.scope, token,
                issuedAt, session.expiresAt);
    }

    private static AuthException invalidRefreshToken() {
        return AuthException.invalidGrant("The refresh token is invalid, expired or revoked.");
    }
}
