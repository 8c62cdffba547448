package org.jwtauth.keys;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;

import org.jwtauth.testing.NoDatabase;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** ES256 with managed keys and nested tokens encrypted with ECDH-ES and A256GCM. */
@NoDatabase
@QuarkusTest
@TestProfile(Es256EncryptedTest.Profile.class)
class Es256EncryptedTest extends EncryptedTokenContract {

    /** ES256 signing, ECDH-ES encryption. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.algorithm", "ES256",
                    "auth.token.encryption.enabled", "true",
                    "auth.token.encryption.algorithm", "ECDH-ES");
        }
    }

    @Override
    String algorithm() {
        return "ES256";
    }

    @Override
    String encryptionAlgorithm() {
        return "ECDH-ES";
    }
}
