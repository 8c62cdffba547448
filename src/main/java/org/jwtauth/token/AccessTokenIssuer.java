package org.jwtauth.token;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.keys.KeyService;
import org.jwtauth.keys.SigningKey;
import org.jwtauth.keys.TokenEncryption;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs access tokens (RFC 9068 profile) with the current key through SmallRye JWT Build and, when
 * {@code auth.token.encryption.enabled}, wraps them in a JWE (nested token).
 */
@ApplicationScoped
public class AccessTokenIssuer {

    static final String TOKEN_TYPE = "at+jwt";

    private final AuthConfig config;
    private final KeyService keys;
    private final TokenEncryption encryption;

    public AccessTokenIssuer(AuthConfig config, KeyService keys, TokenEncryption encryption) {
        this.config = config;
        this.keys = keys;
        this.encryption = encryption;
    }

    /**
     * @param subject  user id, or client id for client_credentials
     * @param username the user's name, null for a client's own token
     * @param clientId the authenticated client, or null
     * @param sessionId the login session this token belongs to, or null
     */
    public IssuedToken issue(String subject, String username, Set<String> roles, String clientId, String sessionId) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.token().accessLifetime());
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(config.issuer())
                .subject(subject)
                .audience(config.effectiveAudience())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .groups(roles)
                .claim("scope", Scopes.format(roles));
        if (username != null) {
            claims.upn(username);
        }
        if (clientId != null) {
            claims.claim("client_id", clientId);
        }
        if (sessionId != null) {
            claims.claim("sid", sessionId);
        }
        SigningKey key = keys.currentSigningKey();
        String token = key.sign(claims.jws()
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .keyId(key.kid())
                .type(TOKEN_TYPE));
        if (encryption.enabled()) {
            token = encryption.encrypt(token);
        }
        return new IssuedToken(token, config.token().accessLifetime().toSeconds(), Scopes.format(roles));
    }

    /** A signed access token with its lifetime in seconds and its granted scope. */
    public record IssuedToken(String token, long expiresIn, String scope) {
    }
}
