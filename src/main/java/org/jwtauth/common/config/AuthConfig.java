package org.jwtauth.common.config;

import java.time.Duration;
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

    Sessions sessions();

    default String effectiveAudience() {
        return audience().filter(a -> !a.isBlank()).orElse(issuer());
    }

    interface Token {
        @WithDefault("15M")
        Duration accessLifetime();

        @WithDefault("14D")
        Duration refreshLifetime();

        /** How long the just-rotated refresh token may be presented again as a retry (same answer). */
        @WithDefault("10S")
        Duration refreshGracePeriod();

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
        @WithDefault("5")
        int maxFailures();
    }

    /** Schedules of the session machinery; read by {@code @Scheduled}, declared here with their defaults. */
    interface Sessions {
        /** How often each replica reloads revocations from the database (SPEC §5: honoured within 5 s). */
        @WithDefault("1s")
        Duration revocationRefreshInterval();

        /** How often expired and revoked sessions, tokens and revocation records are deleted. */
        @WithDefault("10m")
        Duration purgeInterval();

        /** How often encrypted retry copies of refresh tokens past the grace window are wiped. */
        @WithDefault("5s")
        Duration retrySecretWipeInterval();
    }

    interface Password {
        @WithDefault("15")
        int minLength();

        @WithDefault("128")
        int maxLength();
    }
}
