package org.jwtauth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jwtauth.common.config.AuthConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.jwtauth.testing.NoDatabase;

/** Wrong key settings stop start-up with a message that names the setting to fix. */
@NoDatabase
class KeySettingsTest {

    private static AuthConfig config(String... pairs) {
        Map<String, String> properties = new HashMap<>(Map.of("auth.issuer", "https://auth.test.example"));
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put(pairs[i], pairs[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AuthConfig.class)
                // Quarkus's own converter reads durations such as 15M and 30D
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(AuthConfig.class);
    }

    private static String failure(String... pairs) {
        AuthConfig config = config(pairs);
        return assertThrows(IllegalStateException.class, () -> KeySettings.validate(config)).getMessage();
    }

    @Test
    void shouldPickTheKeySource() {
        assertEquals(KeySettings.Source.MANAGED, KeySettings.validate(config()));
        assertEquals(KeySettings.Source.FILES, KeySettings.validate(config("auth.keys.files", "a.pem")));
        assertEquals(KeySettings.Source.SECRET, KeySettings.validate(config("auth.keys.algorithm", "HS256",
                "auth.keys.hmac-secret", "c2hhcmVkLXNlY3JldC1mb3ItdGVzdHMtb25seS0yNTYtYml0cyE=")));
    }

    @Test
    void shouldRefuseAnUnknownAlgorithm() {
        assertTrue(failure("auth.keys.algorithm", "none").startsWith("auth.keys.algorithm=none is not supported"));
        assertTrue(failure("auth.keys.algorithm", "HS512").contains("auth.keys.algorithm=HS512"));
    }

    @Test
    void shouldRequireTheSecretForHs256AndRefuseItOtherwise() {
        assertTrue(failure("auth.keys.algorithm", "HS256").contains("auth.keys.hmac-secret"));
        assertTrue(failure("auth.keys.hmac-secret", "c2hhcmVkLXNlY3JldC1mb3ItdGVzdHMtb25seS0yNTYtYml0cyE=")
                .contains("auth.keys.algorithm=RS256 uses key pairs"));
        assertTrue(failure("auth.keys.algorithm", "HS256", "auth.keys.files", "a.pem",
                "auth.keys.hmac-secret", "c2hhcmVkLXNlY3JldC1mb3ItdGVzdHMtb25seS0yNTYtYml0cyE=")
                .startsWith("auth.keys.files cannot be used"));
    }

    @Test
    void shouldRefuseAnHs256SecretBelow256Bits() {
        String message = assertThrows(IllegalStateException.class,
                () -> HmacSecret.load("c2hvcnQtc2VjcmV0", java.time.Instant.now())).getMessage();
        assertTrue(message.contains("auth.keys.hmac-secret must hold at least 256 bits"), message);
    }

    @Test
    void shouldKeepTheJwksLifetimeWithinBoundsAndBelowTheRotationPeriod() {
        assertTrue(failure("auth.keys.jwks-max-age", "10S").contains("auth.keys.jwks-max-age"));
        assertTrue(failure("auth.keys.jwks-max-age", "10M").contains("auth.keys.jwks-max-age"));
        assertTrue(failure("auth.keys.rotation-period", "2M").contains("auth.keys.rotation-period"));
    }

    @Test
    void shouldRefuseAnUnknownEncryptionAlgorithm() {
        assertTrue(failure("auth.token.encryption.enabled", "true", "auth.token.encryption.algorithm", "RSA1_5")
                .contains("auth.token.encryption.algorithm=RSA1_5"));
    }
}
