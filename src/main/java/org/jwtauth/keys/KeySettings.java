package org.jwtauth.keys;

import java.time.Duration;
import java.util.List;

import org.jwtauth.common.config.AuthConfig;

/** Checks the key settings at start-up; a wrong combination stops the service with a message naming the setting. */
final class KeySettings {

    /** Where the signing keys come from. */
    enum Source { MANAGED, FILES, SECRET }

    static final List<String> ENCRYPTION_ALGORITHMS = List.of("RSA-OAEP-256", "ECDH-ES");
    private static final Duration MIN_JWKS_MAX_AGE = Duration.ofSeconds(60);
    private static final Duration MAX_JWKS_MAX_AGE = Duration.ofSeconds(300);

    private KeySettings() {
    }

    static Source validate(AuthConfig config) {
        AuthConfig.Keys keys = config.keys();
        String algorithm = keys.algorithm();
        if (!KeyAlgorithms.SUPPORTED.contains(algorithm)) {
            throw new IllegalStateException("auth.keys.algorithm=" + algorithm + " is not supported; use one of "
                    + KeyAlgorithms.SUPPORTED);
        }
        checkJwksMaxAge(keys);
        checkEncryption(config.token().encryption());
        boolean hasFiles = keys.files().filter(files -> !files.isEmpty()).isPresent();
        boolean hasSecret = keys.hmacSecret().filter(secret -> !secret.isBlank()).isPresent();
        if (algorithm.equals(KeyAlgorithms.HS256)) {
            if (hasFiles) {
                throw new IllegalStateException("auth.keys.files cannot be used with auth.keys.algorithm=HS256, "
                        + "which takes its shared secret from " + HmacSecret.SETTING);
            }
            if (!hasSecret) {
                throw new IllegalStateException("auth.keys.algorithm=HS256 needs " + HmacSecret.SETTING
                        + " (base64 of at least 32 random bytes, e.g. `openssl rand -base64 32`)");
            }
            return Source.SECRET;
        }
        if (hasSecret) {
            // an HMAC secret next to asymmetric keys is a mistake waiting to be exploited: refuse it outright
            throw new IllegalStateException(HmacSecret.SETTING + " is set but auth.keys.algorithm=" + algorithm
                    + " uses key pairs; remove the secret or set auth.keys.algorithm=HS256");
        }
        if (hasFiles) {
            return Source.FILES;
        }
        checkRotationPeriod(keys);
        return Source.MANAGED;
    }

    private static void checkJwksMaxAge(AuthConfig.Keys keys) {
        Duration maxAge = keys.jwksMaxAge();
        if (maxAge.compareTo(MIN_JWKS_MAX_AGE) < 0 || maxAge.compareTo(MAX_JWKS_MAX_AGE) > 0) {
            throw new IllegalStateException("auth.keys.jwks-max-age must be between 60S and 5M, got " + maxAge);
        }
    }

    private static void checkRotationPeriod(AuthConfig.Keys keys) {
        Duration minimum = keys.jwksMaxAge().plus(keys.refreshInterval().multipliedBy(3));
        if (keys.rotationPeriod().compareTo(minimum) <= 0) {
            throw new IllegalStateException("auth.keys.rotation-period (" + keys.rotationPeriod()
                    + ") must be longer than auth.keys.jwks-max-age plus three auth.keys.refresh-interval (" + minimum
                    + "), so the next key is published a whole JWKS cache lifetime before it signs");
        }
    }

    private static void checkEncryption(AuthConfig.Token.Encryption encryption) {
        if (encryption.enabled() && !ENCRYPTION_ALGORITHMS.contains(encryption.algorithm())) {
            throw new IllegalStateException("auth.token.encryption.algorithm=" + encryption.algorithm()
                    + " is not supported; use one of " + ENCRYPTION_ALGORITHMS);
        }
    }
}
