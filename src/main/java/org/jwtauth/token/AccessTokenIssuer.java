package org.jwtauth.token;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.crypto.TimeOrderedIds;
import org.jwtauth.keys.KeyService;
import org.jwtauth.keys.SigningKey;
import org.jwtauth.keys.TokenEncryption;
import org.jwtauth.verification.AccessTokenVerifier;

/**
 * Signs access tokens (RFC 9068 profile) with the current key through SmallRye JWT Build and, when
 * {@code auth.token.encryption.enabled}, wraps them in a JWE (nested token).
 */
@ApplicationScoped
public class AccessTokenIssuer {

    private final AuthConfig config;
    private final KeyService keys;
    private final TokenEncryption encryption;
    private final Clock clock;

    AccessTokenIssuer(AuthConfig config, KeyService keys, TokenEncryption encryption, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.encryption = encryption;
        this.clock = clock;
    }

    public IssuedToken issue(AccessTokenRequest request) {
        return issue(request, clock.instant());
    }

    /**
     * Signs a token issued at {@code now}: a grant fixes the time while it holds the locks that order
     * it against revocations (a cut-off taken after them is at or after this time) and may sign after
     * its commit, so no lock is held during the signature.
     */
    public IssuedToken issue(AccessTokenRequest request, Instant now) {
        Instant expiresAt = now.plus(config.token().accessLifetime());
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(config.issuer())
                .subject(request.subject())
                .audience(config.effectiveAudience())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", TimeOrderedIds.generate(now))
                .groups(request.roles())
                .claim("scope", Scopes.format(request.roles()));
        if (request.username() != null) {
            claims.upn(request.username());
        }
        if (request.clientId() != null) {
            claims.claim("client_id", request.clientId());
        }
        if (request.sessionId() != null) {
            claims.claim("sid", request.sessionId().toString());
        }
        SigningKey key = keys.currentSigningKey();
        String token = key.sign(claims.jws()
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .keyId(key.kid())
                .type(AccessTokenVerifier.TOKEN_TYPE));
        if (encryption.enabled()) {
            token = encryption.encrypt(token);
        }
        return new IssuedToken(token, config.token().accessLifetime().toSeconds(), Scopes.format(request.roles()));
    }

    /** A signed access token with its lifetime in seconds and its granted scope. */
    public record IssuedToken(String token, long expiresIn, String scope) {
    }
}
