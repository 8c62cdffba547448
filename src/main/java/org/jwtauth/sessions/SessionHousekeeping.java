package org.jwtauth.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.persistence.Upkeep;

import io.quarkus.scheduler.Scheduled;

/** Background upkeep that keeps the session tables bounded and retry secrets short-lived. */
@ApplicationScoped
public class SessionHousekeeping {

    private static final Logger LOG = Logger.getLogger(SessionHousekeeping.class);

    private final SessionRepository repository;
    private final Duration gracePeriod;
    private final Duration accessTokenRetention;
    private final Clock clock;
    private final Upkeep upkeep;

    SessionHousekeeping(SessionRepository repository, AuthConfig config, Clock clock, Upkeep upkeep) {
        this.repository = repository;
        this.clock = clock;
        this.upkeep = upkeep;
        this.gracePeriod = config.token().refreshGracePeriod();
        this.accessTokenRetention = config.token().accessLifetime().plus(config.token().clockLeeway());
    }

    /** The encrypted copy of a live refresh token exists only to answer retries within the grace window. */
    @Scheduled(every = "${auth.sessions.retry-secret-wipe-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void wipeRetrySecrets() {
        upkeep.run("Wiping expired retry secrets", () -> repository.wipeRetrySecrets(clock.instant().minus(gracePeriod)));
    }

    /**
     * Deletes expired refresh tokens and sessions, and revocation records once every token they
     * cover has expired (revoked sessions stay that long: other replicas load revocations from them).
     */
    @Scheduled(every = "${auth.sessions.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void purge() {
        upkeep.run("Purging ended sessions", this::purgeNow);
    }

    private void purgeNow() {
        Instant now = clock.instant();
        Instant horizon = now.minus(accessTokenRetention);
        int tokens = repository.deleteExpiredTokens(now);
        int sessions = repository.deleteEndedSessions(now, horizon);
        int revokedTokens = repository.deleteExpiredAccessTokenRevocations(now);
        int subjects = repository.deleteSubjectRevocationsBefore(horizon);
        LOG.debugf("Purged %d refresh tokens, %d sessions, %d token and %d subject revocations",
                tokens, sessions, revokedTokens, subjects);
    }
}
