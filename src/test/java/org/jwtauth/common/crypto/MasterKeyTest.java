package org.jwtauth.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;

/** Where the master key comes from, and that production never runs on a generated one. */
@NoDatabase
class MasterKeyTest {

    private static final String KEY = "q1tz5Gf0wQ4Cq2m6z2yY8rV0s3nH7kJ9bL1cX5dE4aA=";

    @Test
    void shouldRefuseToStartInProductionWithoutAConfiguredMasterKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new MasterKey(Optional.empty(), Optional.empty(), true));
        assertTrue(e.getMessage().contains("auth.keys.master-key"), e.getMessage());
        assertTrue(e.getMessage().contains("AUTH_KEYS_MASTER_KEY"), e.getMessage());
    }

    @Test
    void shouldUseTheConfiguredKeyInProduction() {
        MasterKey key = new MasterKey(Optional.of(KEY), Optional.empty(), true);
        byte[] secret = "private key bytes".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(secret, key.decrypt(key.encrypt(secret, "kid-1"), "kid-1"));
        // the kid is bound as associated data: a row copied under another kid does not decrypt
        assertThrows(IllegalStateException.class, () -> key.decrypt(key.encrypt(secret, "kid-1"), "kid-2"));
    }

    @Test
    void shouldRefuseAMasterKeyOfTheWrongLength() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new MasterKey(Optional.of("c2hvcnQ="), Optional.empty(), true));
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    }

    @Test
    void shouldSealUnderAPurposeKeyThatTheMasterKeyItselfCannotOpen() {
        MasterKey key = new MasterKey(Optional.of(KEY), Optional.empty(), true);
        byte[] secret = "refresh token".getBytes(StandardCharsets.UTF_8);
        String sealed = key.encryptFor("refresh-token-retry-copy", secret, "session-1");

        assertArrayEquals(secret, key.decryptFor("refresh-token-retry-copy", sealed, "session-1").orElseThrow());
        // not the master key, not another purpose's key, not another label
        assertThrows(IllegalStateException.class, () -> key.decrypt(sealed, "session-1"));
        assertTrue(key.decryptFor("other-purpose", sealed, "session-1").isEmpty());
        assertTrue(key.decryptFor("refresh-token-retry-copy", sealed, "session-2").isEmpty());
        assertTrue(key.decryptFor("refresh-token-retry-copy", key.encrypt(secret, "session-1"), "session-1").isEmpty());
    }
}
