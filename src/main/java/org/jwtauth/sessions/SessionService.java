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
    private final RevocationService revocations;
    private final MasterKey masterKey;
    private final Duration refreshLifetime;
    private final Duration gracePeriod;
    private final AuthMetrics metrics;
    private final Event<RefreshTokenReused> reuses;
    private final Clock clock;

    public SessionService(SessionRepository repository, RevocationService revocations, MasterKey masterKey,
            AuthConfig config, AuthMetrics metrics, Event<RefreshTokenReused> reuses, Clock clock) {
        this.repository = repository;
        this.revocations = revocations;
        this.masterKey = masterKey;
        this.refreshLifetime = config.token().refreshLifetime();
        this.gracePeriod = config.token().refreshGracePeriod();
        this.metrics = metrics;
        this.reuses = reuses;
        this.clock = clock;
    }

    /** Starts a session for a successful login and returns its first refresh token. */
    public SessionGrant startSession(UUID userId, String clientId, String scope) {
        Instant now = clock.instant();
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.userId = userId;
        session.clientId = clientId;
        session.scope = scope;
        session.createdAt = now;
        String token = RefreshTokens.generate();
        RefreshToken row = rotateTo(session, token, now);
        session.currentSealed = null; // nothing to retry yet
        repository.persist(session);
        repository.persist(row);
        return grant(session, token, now);
    }

    /**
     * The session behind any refresh token it ever issued, live or not: what a refresh would grant,
     * used to check a requested scope before anything is rotated. Empty for an unknown token.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SessionGrant> findSessionOf(String refreshToken) {
        if (!RefreshTokens.isPlausible(refreshToken)) {
            return Optional.empty();
        }
        return repository.findSessionIdByTokenHash(RefreshTokens.hash(refreshToken)).flatMap(repository::findGrant);
    }

    /**
     * Exchanges a refresh token for its successor. The session row is locked, so concurrent
     * refreshes with one token run one after the other: the first rotates, the others are retries
     * inside the grace window and get the same successor. Reuse outside the window, or of any older
     * token, revokes the whole session; that revocation is committed although the call fails.
     */
    @Transactional(dontRollbackOn = AuthException.class)
    public SessionGrant refresh(String refreshToken, String clientId, String username) {
        if (!RefreshTokens.isPlausible(refreshToken)) {
            throw invalidRefreshToken();
        }
        String hash = RefreshTokens.hash(refreshToken);
        UUID sessionId = repository.findSessionIdByTokenHash(hash).orElseThrow(SessionService::invalidRefreshToken);
        Session session = repository.lockSession(sessionId).orElseThrow(SessionService::invalidRefreshToken);
        Instant now = clock.instant();
        if (!session.isActiveAt(now)) {
            throw invalidRefreshToken();
        }
        if (!Objects.equals(session.clientId, clientId)) {
            throw AuthException.invalidGrant("The refresh token was issued to another client.");
        }
        if (hash.equals(session.currentHash)) {
            String successor = RefreshTokens.generate();
            repository.persist(rotateTo(session, successor, now));
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
        return repository.findToken(hash).flatMap(token -> repository.findSession(token.sessionId)
                .filter(s -> s.isActiveAt(now) && hash.equals(s.currentHash))
                .map(s -> new SessionGrant(s.id, s.userId, s.clientId, s.scope, null, token.issuedAt, token.expiresAt)));
    }

    /** Makes the token the session's live one; the former live token becomes the direct predecessor. */
    private RefreshToken rotateTo(Session session, String token, Instant now) {
        RefreshToken row = new RefreshToken();
        row.tokenHash = RefreshTokens.hash(token);
        row.sessionId = session.id;
        row.issuedAt = now;
        row.expiresAt = now.plus(refreshLifetime);
        session.previousHash = session.currentHash;
        session.currentHash = row.tokenHash;
        session.rotatedAt = session.previousHash == null ? null : now;
        session.expiresAt = row.expiresAt;
        session.currentSealed = masterKey.encryptFor(RETRY_COPY_KEY, token.getBytes(StandardCharsets.UTF_8), sealLabel(session));
        return row;
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
