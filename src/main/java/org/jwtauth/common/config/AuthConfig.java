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

    Sessions sessions();

    ClientAddress clientAddress();

    Request request();

    Clients clients();

    SignIn signIn();

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

        /** How many verified access tokens are remembered so a repeated token skips the signature check. */
        @WithDefault("10000")
        int verifiedCacheSize();

        Encryption encryption();

        /** Nested tokens: signed, then encrypted as a JWE to the service's own encryption key. */
        interface Encryption {
            @WithDefault("false")
            boolean enabled();

            /** Key management algorithm: {@code RSA-OAEP-256} or {@code ECDH-ES}; content is always A256GCM. */
            @WithDefault("RSA-OAEP-256")
            String algorithm();
        }
    }

    interface Keys {
        /** RS256, RS384, RS512, PS256, ES256, ES384, EdDSA or HS256. */
        @WithDefault("RS256")
        String algorithm();

        /** How long a managed key signs before the next one takes over. */
        @WithDefault("30D")
        Duration rotationPeriod();

        /**
         * PEM or JWK files (e.g. a mounted Kubernetes Secret): the first signs, the others are only
         * published so tokens of previous keys stay valid. Without files, keys are managed in the database.
         */
        Optional<List<String>> files();

        /** Base64 shared secret of at least 256 bits, required by (and only used with) HS256. */
        Optional<String> hmacSecret();

        /** Base64 AES-256 key that encrypts managed private keys at rest. */
        Optional<String> masterKey();

        /** A file holding the master key; outside production a generated one is kept in data/master.key. */
        Optional<String> masterKeyFile();

        /** How often each replica re-reads the keys and runs the rotation schedule. */
        @WithDefault("15S")
        Duration refreshInterval();

        /** {@code Cache-Control: max-age} of the JWKS (60 s to 5 min, below the rotation period). */
        @WithDefault("5M")
        Duration jwksMaxAge();

        /** At most one key reload per this interval when tokens name an unknown {@code kid}. */
        @WithDefault("5S")
        Duration unknownKidReloadInterval();
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

    interface Clients {
        /** The built-in public client that a request naming no client is made by (SPEC §2). */
        @WithDefault("first-party")
        String defaultClientId();

        Console console();

        /** The built-in public client {@code console} of the web console (SPEC §12). */
        interface Console {
            /** Its registered redirect URIs; unset means {@code <issuer>/console/}. */
            Optional<List<String>> redirectUris();
        }
    }

    /** The sign-in page and single sign-on of the authorization code flow (SPEC §11). */
    interface SignIn {
        /** How long an authorization code can be exchanged (single use). */
        @WithDefault("60S")
        Duration codeLifetime();

        /** How long the single sign-on cookie's browser session lasts after the sign-in. */
        @WithDefault("10H")
        Duration browserSessionLifetime();
    }

    interface Request {
        /** Largest request body accepted on {@code /auth/*}, in bytes. */
        @WithDefault("16384")
        int maxBodySize();

        /** Largest request body accepted on every other path (admin and user APIs), in bytes. */
        @WithDefault("65536")
        int maxOtherBodySize();
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

        /**
         * Argon2 runs at once (each holds 19 MiB); unset means twice the CPU count, but never more
         * than a third of the maximum heap holds (a node's CPU count says nothing about the pod's heap).
         */
        Optional<Integer> maxConcurrentHashes();

        /** How long a request waits for a free hash slot before it is answered 503. */
        @WithDefault("2S")
        Duration hashWait();

        /** The bound in effect: the setting, or twice the processors the JVM sees within a third of the heap. */
        default int effectiveMaxConcurrentHashes() {
            if (maxConcurrentHashes().isPresent()) {
                return Math.max(1, maxConcurrentHashes().get());
            }
            long fitInHeap = Runtime.getRuntime().maxMemory() / 3 / HASH_MEMORY_BYTES;
            return (int) Math.max(1, Math.min(2L * Runtime.getRuntime().availableProcessors(), fitInHeap));
        }

        /** What one Argon2id run of ours allocates (19 MiB, see users/PasswordHasher). */
        long HASH_MEMORY_BYTES = 19L * 1024 * 1024;
    }
}
