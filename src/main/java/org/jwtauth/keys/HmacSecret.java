package org.jwtauth.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HS256 key: a shared secret from {@code auth.keys.hmac-secret}, for a single-service setup. */
final class HmacSecret {

    static final String SETTING = "auth.keys.hmac-secret";
    private static final int MIN_BYTES = 32;

    private HmacSecret() {
    }

    static SigningKey load(String base64, Instant now) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SETTING + " must be base64 (e.g. `openssl rand -base64 32`)");
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException(SETTING + " must hold at least 256 bits (32 bytes, base64-encoded); it holds "
                    + secret.length * 8 + " bits");
        }
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        return new SigningKey(kid(key), KeyAlgorithms.HS256, null, key, now, now, null, null);
    }

    // a kid that names the secret without revealing it: verifiers need a kid, and a new secret gets a new one
    private static String kid(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal("jwt-auth-service key id".getBytes(StandardCharsets.US_ASCII));
            return "hs256-" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
