package org.jwtauth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.crypto.TimeOrderedIds;
import org.jwtauth.keys.KeyService;
import org.jwtauth.keys.SigningKey;

/**
 * Signs ID tokens (OpenID Connect Core §2) with the current key: {@code typ: JWT}, so the verifier
 * of access tokens (which requires {@code at+jwt}) never accepts one as an access token.
 */
@ApplicationScoped
class IdTokenIssuer {

    static final String TYPE = "JWT";

    private final KeyService keys;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    IdTokenIssuer(KeyService keys, AuthConfig config, Clock clock) {
        this.keys = keys;
        this.issuer = config.issuer();
        this.lifetime = config.token().accessLifetime();
        this.clock = clock;
    }

    /** @param browserSessionId the {@code sid}: the browser session that end-session ends */
    String issue(UUID userId, String username, String clientId, String nonce, Instant authTime, UUID browserSessionId) {
        Instant now = clock.instant();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(issuer)
                .subject(userId.toString())
                .audience(clientId)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("jti", TimeOrderedIds.generate(now))
                .claim("azp", clientId)
                .claim("auth_time", authTime.getEpochSecond())
                .claim("sid", browserSessionId.toString())
                .claim("preferred_username", username);
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        SigningKey key = keys.currentSigningKey();
        return key.sign(claims.jws()
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .keyId(key.kid())
                .type(TYPE));
    }
}
