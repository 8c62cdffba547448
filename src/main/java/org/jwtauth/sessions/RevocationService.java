package org.jwtauth.sessions;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * Ends sessions and access tokens (SPEC §5). Each revocation is written to the database, which other
 * replicas reload, and announced as an event that {@link RevocationState} applies here once committed.
 */
@ApplicationScoped
@Transactional
public class RevocationService {

    private static final Logger LOG = Logger.getLogger(RevocationService.class);

    private final SessionRepository repository;
    private final RefreshTokenFormat tokens;
    private final Event<SessionsRevoked> sessionsRevoked;
    private final Event<SubjectRevoked> subjectRevoked;
    private final Event<AccessTokenRevoked> accessTokenRevoked;
    private final Clock clock;

    RevocationService(SessionRepository repository, RefreshTokenFormat tokens, Event<SessionsRevoked> sessionsRevoked,
            Event<SubjectRevoked> subjectRevoked, Event<AccessTokenRevoked> accessTokenRevoked, Clock clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.sessionsRevoked = sessionsRevoked;
        this.subjectRevoked = subjectRevoked;
        this.accessTokenRevoked = accessTokenRevoked;
        this.clock = clock;
    }

    /** RFC 7009: revokes the session of any refresh token it issued; unknown and forged tokens are ignored. */
    public Optional<SessionGrant> revokeByRefreshToken(String refreshToken) {
        if (!RefreshTokens.isPlausible(refreshToken)) {
            return Optional.empty();
        }
        Optional<RefreshTokenFormat.Named> named = tokens.read(refreshToken);
        Optional<SessionGrant> session = named.isPresent()
                ? repository.findSession(named.get().sessionId())
                        .map(s -> new SessionGrant(s.id, s.userId, s.clientId, s.scope, null, null, s.expiresAt))
                : repository.findGrantByTokenHash(RefreshTokens.hash(refreshToken));
        session.ifPresent(s -> revokeSessions(List.of(s.sessionId()), clock.instant(), "revoked"));
        return session;
    }

    /** Ends one session: its refresh token and every access token carrying its id. */
    public void revokeSession(UUID sessionId, String reason) {
        revokeSessions(List.of(sessionId), clock.instant(), reason);
    }

    /** Ends every session of a user except one (a password change keeps the caller's own session). */
    public void revokeOtherSessions(UUID userId, UUID keptSessionId, String reason) {
        List<UUID> others = repository.findLiveSessionIds(userId).stream()
                .filter(id -> !id.equals(keptSessionId))
                .toList();
        revokeSessions(others, clock.instant(), reason, keptSessionId);
    }

    /**
     * Ends every session of a subject (a user id or a client id) and revokes every access token
     * issued to it until now. The caller holds the subject's row lock, so a login or refresh racing
     * with this call either finished before (its session and token are revoked here) or sees the change.
     */
    public void revokeAllForSubject(String subject, String reason) {
        Instant now = cutoffNow();
        userIdOf(subject).ifPresent(userId -> revokeSessions(repository.findLiveSessionIds(userId), now, reason));
        cutOff(subject, now, reason);
    }

    /**
     * Refuses every access token issued to the subject until now, but keeps its sessions: after a
     * change of roles the next refresh carries the new ones.
     */
    public void revokeAccessTokensOfSubject(String subject, String reason) {
        cutOff(subject, cutoffNow(), reason);
    }

    /** Ends every session bound to a client (the client was deleted or its secret rotated). */
    public void revokeSessionsOfClient(String clientId, String reason) {
        revokeSessions(repository.findLiveSessionIdsOfClient(clientId), cutoffNow(), reason);
    }

    private void cutOff(String subject, Instant now, String reason) {
        repository.insertSubjectRevocation(UUID.randomUUID(), subject, now);
        subjectRevoked.fire(new SubjectRevoked(subject, now));
        LOG.infof("Revoked all tokens of %s (%s)", subject, reason);
    }

    // Milliseconds, as stored and as compared with a token's issue time (see RevocationState).
    private Instant cutoffNow() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Revokes a single access token by its {@code jti} until it expires. */
    public void revokeAccessToken(String jti, Instant expiresAt) {
        repository.insertRevokedAccessToken(UUID.randomUUID(), jti, expiresAt, cutoffNow());
        accessTokenRevoked.fire(new AccessTokenRevoked(jti, expiresAt));
    }

    void revokeSessions(List<UUID> sessionIds, Instant now, String reason) {
        revokeSessions(sessionIds, now, reason, null);
    }

    /** Ends the sessions and the sessions started under them (a browser session's code exchanges), except {@code kept}. */
    private void revokeSessions(List<UUID> sessionIds, Instant now, String reason, UUID kept) {
        Set<UUID> ended = new LinkedHashSet<>(sessionIds);
        ended.addAll(repository.findLiveChildSessionIds(sessionIds));
        ended.remove(kept);
        List<UUID> ids = List.copyOf(ended);
        if (repository.revokeSessions(ids, now, reason) > 0) {
            LOG.infof("Revoked %d session(s) (%s)", ids.size(), reason);
        }
        sessionsRevoked.fire(new SessionsRevoked(ids, now));
    }

    private static Optional<UUID> userIdOf(String subject) {
        try {
            return Optional.of(UUID.fromString(subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a service client: it has no sessions
        }
    }

}
