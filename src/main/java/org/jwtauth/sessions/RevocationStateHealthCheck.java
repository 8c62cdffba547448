package org.jwtauth.sessions;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import org.jwtauth.common.config.AuthConfig;

/**
 * Ready only while revocations made on other replicas reach this one (SPEC §5: within 5 s): a
 * replica whose revocation state could not be refreshed for that long is taken out of the load
 * balancer instead of accepting tokens that were revoked elsewhere.
 */
@Readiness
@ApplicationScoped
class RevocationStateHealthCheck implements HealthCheck {

    private static final Duration PROMISE = Duration.ofSeconds(5);

    private final RevocationState state;
    private final Duration maxAge;

    RevocationStateHealthCheck(RevocationState state, AuthConfig config) {
        this.state = state;
        // a refresh interval configured above the promise must not make readiness flap
        Duration twoIntervals = config.sessions().revocationRefreshInterval().multipliedBy(2);
        this.maxAge = twoIntervals.compareTo(PROMISE) > 0 ? twoIntervals : PROMISE;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("revocation-state").status(state.isFresh(maxAge)).build();
    }
}
