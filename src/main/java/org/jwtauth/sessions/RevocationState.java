package org.jwtauth.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;
import org.jwtauth.common.config.AuthConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The in-memory view of every revocation whose access tokens may still be unexpired: revoked
 * sessions, revoked {@code jti}s and per-subject cut-off times. The token check reads only this
 * (it runs on the event loop, never a database round trip); a short schedule reloads it from the
 * database, so a revocation written by another replica is honoured within a few seconds.
 */
@Singleton
public class RevocationState {

    private static final Logger LOG = Logger.getLogger(RevocationState.class);

    private final SessionRepository repository;
    private final Clock clock;
    private final Duration retention;
    // value: epoch second after which every token the entry covers has expired
    private final Map<String, Long> revokedSessions = new ConcurrentHashMap<>();
    private final Map<String, Long> revokedTokenIds = new ConcurrentHashMap<>();
    // value: epoch millisecond; tokens of the subject issued at or before it are revoked
    private final Map<String, Long> subjectCutoffs = new ConcurrentHashMap<>();
    // re-read this much before the previous reload: a revocation stamped earlier may commit later
    private static final Duration OVERLAP = Duration.ofSeconds(30);
    // moves on every revocation this instance learns of, after its entry is in place; never on eviction
    // (an entry leaving revokes nothing): a check that passed at one version still holds while it stays
    private final AtomicLong version = new AtomicLong();
    private volatile Instant watermark;
    private volatile long lastRefreshNanos;

    RevocationState(SessionRepository repository, AuthConfig config, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.retention = config.token().accessLifetime().plus(config.token().clockLeeway());
    }

    /**
     * Whether an access token is revoked.
     *
     * @param sessionId its {@code sid}, or null
     * @param tokenId   its {@code jti}, or null
     * @param subject   its {@code sub}
     * @param issuedAtMillis when it was issued, in epoch milliseconds
     */
    public boolean isRevoked(String sessionId, String tokenId, String subject, long issuedAtMillis) {
        if (sessionId != null && revokedSessions.containsKey(sessionId)) {
            return true;
        }
        if (tokenId != null && revokedTokenIds.containsKey(tokenId)) {
            return true;
        }
        Long cutoff = subject == null ? null : subjectCutoffs.get(subject);
        // millisecond precision: a token issued in the cut-off's second but after it (a new login
        // right after logout-all) stays valid, one issued before it in that second does not
        return cutoff != null && issuedAtMillis <= cutoff;
    }

    /**
     * Changes whenever a revocation is added: an answer of {@link #isRevoked} read after this value may
     * be reused while it is unchanged.
     */
    public long version() {
        return version.get();
    }

    // Revocations made here apply on this instance as soon as they are durable.
    void onSessionsRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsRevoked event) {
        sessionsRevoked(event.sessionIds(), event.revokedAt());
        version.incrementAndGet();
    }

    void onSubjectRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubjectRevoked event) {
        subjectRevoked(event.subject(), event.revokedBefore());
        version.incrementAndGet();
    }

    void onAccessTokenRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessTokenRevoked event) {
        accessTokenRevoked(event.tokenId(), event.expiresAt());
        version.incrementAndGet();
    }

    private void sessionsRevoked(Collection<UUID> sessionIds, Instant revokedAt) {
        long until = revokedAt.plus(retention).getEpochSecond();
        sessionIds.forEach(id -> add(revokedSessions, id.toString(), until));
    }

    private void accessTokenRevoked(String tokenId, Instant expiresAt) {
        add(revokedTokenIds, tokenId, expiresAt.getEpochSecond());
    }

    private void subjectRevoked(String subject, Instant revokedBefore) {
        add(subjectCutoffs, subject, revokedBefore.toEpochMilli());
    }

    // the reload sees the same rows again and again (its overlap): only a new or later entry moves the version
    private void add(Map<String, Long> entries, String key, long value) {
        Long before = entries.get(key);
        if (before == null || before < value) {
            entries.merge(key, value, Math::max);
            version.incrementAndGet();
        }
    }

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    /**
     * Reads what was recorded since the previous reload (minus an overlap for transactions that
     * committed late and for clock skew between replicas), so the cost follows the rate of new
     * revocations, not how many are live. A failed reload keeps the state and is reported by
     * {@link #isFresh} (readiness), never hidden.
     */
    @Scheduled(every = "${auth.sessions.revocation-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void reload() {
        Instant now = clock.instant();
        Instant horizon = now.minus(retention);
        Instant previous = watermark;
        // the first reload, or a clock set back: read everything that may still matter
        Instant since = previous == null || now.isBefore(previous) || previous.minus(OVERLAP).isBefore(horizon)
                ? horizon : previous.minus(OVERLAP);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                repository.findRevokedSessionsSince(since)
                        .forEach(row -> sessionsRevoked(List.of((UUID) row[0]), (Instant) row[1]));
                repository.findRevokedAccessTokensSince(since, now)
                        .forEach(row -> accessTokenRevoked((String) row[0], (Instant) row[1]));
                repository.findSubjectRevocationsSince(since)
                        .forEach(row -> subjectRevoked((String) row[0], (Instant) row[1]));
            });
            watermark = now;
            lastRefreshNanos = System.nanoTime();
        } catch (RuntimeException e) {
            LOG.warnf("Revocations could not be reloaded (%s); keeping the state of the last reload",
                    e.getClass().getSimpleName());
        }
        evictExpired(now);
    }

    /**
     * Whether the state was refreshed from the database within {@code maxAge}. Measured on the
     * monotonic clock: this is about elapsed real time, not the service's notion of now.
     */
    boolean isFresh(Duration maxAge) {
        long last = lastRefreshNanos;
        return last != 0 && System.nanoTime() - last <= maxAge.toNanos();
    }

    // Revocations are never undone: entries leave only once every token they cover has expired.
    private void evictExpired(Instant now) {
        long second = now.getEpochSecond();
        revokedSessions.values().removeIf(until -> until < second);
        revokedTokenIds.values().removeIf(until -> until < second);
        long horizon = now.minus(retention).toEpochMilli();
        subjectCutoffs.values().removeIf(cutoff -> cutoff < horizon);
        LOG.tracef("Revocation state: %d sessions, %d tokens, %d subjects",
                revokedSessions.size(), revokedTokenIds.size(), subjectCutoffs.size());
    }
}
