package org.jwtauth.common.metrics;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The service's own Prometheus counters (SPEC §8). Key rotations and reloads are counted by KeyService;
 * request latency comes from the HTTP server metrics.
 */
@ApplicationScoped
public class AuthMetrics {

    private final MeterRegistry registry;
    private final Counter loginFailures;
    private final Counter refreshReuse;

    public AuthMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.loginFailures = Counter.builder("auth.login.failures").description("Failed password checks").register(registry);
        this.refreshReuse = Counter.builder("auth.refresh.reuse.detected")
                .description("Refresh tokens presented again outside the grace window").register(registry);
    }

    public void tokenIssued(String grantType) {
        registry.counter("auth.tokens.issued", "grant", grantType).increment();
    }

    public void loginFailed() {
        loginFailures.increment();
    }

    public void tokenRejected(String reason) {
        registry.counter("auth.token.verification.failures", "reason", reason).increment();
    }

    public void refreshReuseDetected() {
        refreshReuse.increment();
    }
}
