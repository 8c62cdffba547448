package org.jwtauth.verification;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.security.credential.Credential;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.metrics.AuthMetrics;

/**
 * Replaces SmallRye's parser so that MicroProfile JWT ({@code @RolesAllowed}, injected
 * {@link JsonWebToken}) runs on the service's own keys and rules ({@link AccessTokenVerifier}).
 */
@Alternative
@Priority(1)
@Singleton
class AccessTokenParser implements JWTParser {

    /**
     * A principal and its roles, built once per token; expiry, key trust and revocation are
     * checked on every use.
     */
    record Verified(VerifiedAccessToken token, JsonWebToken principal, Set<String> roles, Credential credential) {
    }

    private final AccessTokenVerifier verifier;
    private final AuthMetrics metrics;
    // Clients send the same token many times: parsing, the signature check and building the principal
    // cost more than the request itself (SPEC §9), so a token is fully verified once per cache lifetime.
    private final Cache<String, Verified> verified;
    private final RoleSets roleSets = new RoleSets();

    AccessTokenParser(AccessTokenVerifier verifier, AuthConfig config, AuthMetrics metrics) {
        this.verifier = verifier;
        this.metrics = metrics;
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.token().verifiedCacheSize())
                .expireAfterWrite(config.token().accessLifetime())
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified(token).principal();
    }

    /** The token checked by every rule (the full check once, then the ones that can change); counts refusals. */
    Verified verified(String token) throws TokenRejectedException {
        try {
            return check(token);
        } catch (TokenRejectedException e) {
            metrics.tokenRejected(e.rejection().code());
            throw e;
        }
    }

    /**
     * The entry of a token verified before that still passes every check that can change; null when
     * the token is not cached or fails one (the full path then refuses it, with its metric).
     */
    Verified known(String token) {
        Verified known = verified.getIfPresent(token);
        if (known == null) {
            return null;
        }
        try {
            verifier.recheck(known.token());
            return known;
        } catch (TokenRejectedException e) {
            return null;
        }
    }

    private Verified check(String token) throws TokenRejectedException {
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            verifier.recheck(known.token());
            return known;
        }
        VerifiedAccessToken checked = verifier.verify(token);
        JsonWebToken principal = new VerifiedPrincipal(token, checked.claims());
        Verified entry = new Verified(checked, principal, roleSets.of(principal.getGroups()),
                new JsonWebTokenCredential(token));
        verified.put(token, entry);
        return entry;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parse(token);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        throw unsupported();
    }

    // Tokens are only ever trusted after the full check against the service's own keys.
    private static ParseException unsupported() {
        return new ParseException("Only verification against the service's keys is supported.");
    }
}
