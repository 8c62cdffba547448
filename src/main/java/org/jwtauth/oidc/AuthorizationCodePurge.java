package org.jwtauth.oidc;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

import org.jwtauth.common.persistence.Upkeep;

/**
 * Deletes authorization codes a day after they expired: until then a second use is still recognised
 * (and revokes what the first produced) rather than answered as an unknown code.
 */
@ApplicationScoped
class AuthorizationCodePurge {

    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final AuthorizationCodeRepository codes;
    private final Clock clock;
    private final Upkeep upkeep;

    AuthorizationCodePurge(AuthorizationCodeRepository codes, Clock clock, Upkeep upkeep) {
        this.codes = codes;
        this.clock = clock;
        this.upkeep = upkeep;
    }

    @Scheduled(every = "${auth.sessions.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        upkeep.run("Purging expired authorization codes", () -> codes.deleteExpiredBefore(clock.instant().minus(KEPT_AFTER_EXPIRY)));
    }
}
