package org.jwtauth.keys;

import java.security.Key;
import java.security.PrivateKey;
import java.time.Instant;

import javax.crypto.SecretKey;

import org.jose4j.jwk.PublicJsonWebKey;

import io.smallrye.jwt.build.JwtSignature;

/**
 * One signing key: its id, algorithm, dates and public JWK (null for HS256), and the part that signs
 * (a private key, the HS256 secret, or null for a key that is only published). A key signs from
 * {@code activatesAt} until {@code retiresAt} and verifies until {@code publishedUntil} (null: for as long
 * as it is configured).
 */
public record SigningKey(String kid, String algorithm, PublicJsonWebKey publicJwk, Key signingKey,
        Instant createdAt, Instant activatesAt, Instant retiresAt, Instant publishedUntil) {

    public static final String NEXT = "next";
    public static final String CURRENT = "current";
    public static final String RETIRED = "retired";

    /** The key that checks signatures: the public key, or the HS256 secret itself. */
    public Key verificationKey() {
        return publicJwk != null ? publicJwk.getKey() : signingKey;
    }

    /** The private key that signs; tests and the issuer use it for asymmetric algorithms. */
    public PrivateKey privateKey() {
        if (signingKey instanceof PrivateKey privateKey) {
            return privateKey;
        }
        throw new IllegalStateException("Key " + kid + " has no private part");
    }

    public boolean canSign() {
        return signingKey != null;
    }

    /** Signs with the secret or the private key, whichever this key holds. */
    public String sign(JwtSignature jws) {
        if (signingKey instanceof SecretKey secret) {
            return jws.sign(secret);
        }
        return jws.sign(privateKey());
    }

    public boolean isActiveAt(Instant now) {
        return !activatesAt.isAfter(now) && (retiresAt == null || retiresAt.isAfter(now));
    }

    public boolean isPublishedAt(Instant now) {
        return publishedUntil == null || publishedUntil.isAfter(now);
    }

    public String stateAt(Instant now) {
        if (activatesAt.isAfter(now)) {
            return NEXT;
        }
        return retiresAt == null || retiresAt.isAfter(now) ? CURRENT : RETIRED;
    }

    @Override
    public String toString() {
        // never print key material
        return "SigningKey[kid=" + kid + ", alg=" + algorithm + "]";
    }
}
