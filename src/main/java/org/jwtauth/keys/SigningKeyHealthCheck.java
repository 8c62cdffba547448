package org.jwtauth.keys;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jwtauth.keys.KeyService;

/** Ready only while a signing key is loaded (the database check comes with the datasource). */
@Readiness
@ApplicationScoped
public class SigningKeyHealthCheck implements HealthCheck {

    private final KeyService keys;

    public SigningKeyHealthCheck(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signing-key").status(keys.hasSigningKey()).build();
    }
}
