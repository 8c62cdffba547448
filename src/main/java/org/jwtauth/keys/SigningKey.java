package org.jwtauth.keys;

import java.security.Key;
import java.security.PrivateKey;
import java.time.Instant;

import org.jose4j.jwk.PublicJsonWebKey;

/** One signing key: its id, algorithm, dates, public JWK and (for signing) its private part. */
public record SigningKey(String kid, String algorithm, PublicJsonWebKey publicJwk, PrivateKey privateKey,
        Instant createdAt, Instant activatesAt, Instant retiresAt) {

    public Key verificationKey() {
        return publicJwk.getKey();
    }

    public boolean isActiveAt(Instant now) {
        return !activatesAt.isAfter(now) && (retiresAt == null || retiresAt.isAfter(now));
    }

    @Override
    public String toString() {
        // never print key material
        return "SigningKey[kid=" + kid + ", alg=" + algorithm + "]";
    }
}
