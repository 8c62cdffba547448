package org.jwtauth.oidc;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes authorization codes a day after they expired: until then a second use is still recognised
 * (and revokes what the first produced) rather than answered as an unknown code.
 */
@ApplicationScoped
class AuthorizationCodePurge {

    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final AuthorizationCodeRepository codes;
    private final Clock clock;

    AuthorizationCodePurge(AuthorizationCodeRepository codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    @Scheduled(every = "${auth.sessions.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        codes.deleteExpiredBefore(clock.instant().minus(KEPT_AFTER_EXPIRY));
    }
}
