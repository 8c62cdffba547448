package org.jwtauth.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code auth.*} setting of the service; names are fixed by SPEC §8. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** Value of {@code iss} in every token and of {@code issuer} in discovery. */
    String issuer();

    /** Value of {@code aud}; defaults to the issuer. */
    Optional<String> audience();

    /** Realm named in the {@code WWW-Authenticate} challenge. */
    @WithDefault("jwt-auth-service")
    String realm();

    Token token();

    Keys keys();

    Bootstrap bootstrap();

    Registration registration();

    Lockout lockout();

    Password password();

    ClientAddress clientAddress();

    Request request();

    default String effectiveAudience() {
        return audience().filter(a -> !a.isBlank()).orElse(issuer());
    }

    interface Token {
        @WithDefault("15M")
        Duration accessLifetime();

        @WithDefault("14D")
        Duration refreshLifetime();

        /** Clock skew tolerated on {@code iat} and {@code nbf}. */
        @WithDefault("30S")
        Duration clockLeeway();

        /** Largest bearer token accepted, in bytes. */
        @WithDefault("8192")
        int maxSize();
    }

    interface Keys {
        @WithDefault("RS256")
        String algorithm();

        @WithDefault("30D")
        Duration rotationPeriod();

        /** Base64 AES-256 key that encrypts managed private keys at rest. */
        Optional<String> masterKey();

        /** Where a generated master key is kept when none is configured (single-node default). */
        @WithDefault("data/master.key")
        String masterKeyFile();
    }

    interface Bootstrap {
        Admin admin();

        interface Admin {
            @WithDefault("admin")
            String username();

            Optional<String> password();
        }
    }

    interface Registration {
        @WithDefault("false")
        boolean enabled();
    }

    interface Lockout {
        /** Consecutive failures for one username before it is locked. */
        @WithDefault("5")
        int maxFailures();

        /** First lock; each further failure doubles it up to {@link #maxLock()}. */
        @WithDefault("1M")
        Duration initialLock();

        @WithDefault("15M")
        Duration maxLock();

        /** Failures from one client address within {@link #addressWindow()} before it is refused. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        @WithDefault("15M")
        Duration addressWindow();

        /** A username's failure count is forgotten after this long without a failure. */
        @WithDefault("24H")
        Duration forgetAfter();
    }

    interface ClientAddress {
        /**
         * Proxies (IP addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed. Empty: the
         * socket address is the client address and the header is ignored.
         */
        Optional<List<String>> trustedProxies();
    }

    interface Request {
        /** Largest request body accepted on {@code /auth/*}, in bytes. */
        @WithDefault("16384")
        int maxBodySize();
    }

    interface Password {
        @WithDefault("15")
        int minLength();

        @WithDefault("128")
        int maxLength();
    }
}
