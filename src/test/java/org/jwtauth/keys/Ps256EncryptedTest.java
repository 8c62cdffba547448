package org.jwtauth.keys;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jwtauth.testing.NoDatabase;

/** PS256 with managed keys and nested tokens encrypted with RSA-OAEP-256 and A256GCM. */
@NoDatabase
@QuarkusTest
@TestProfile(Ps256EncryptedTest.Profile.class)
class Ps256EncryptedTest extends EncryptedTokenContract {

    /** PS256 signing, RSA-OAEP-256 encryption. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.algorithm", "PS256",
                    "auth.token.encryption.enabled", "true",
                    "auth.token.encryption.algorithm", "RSA-OAEP-256");
        }
    }

    @Override
    String algorithm() {
        return "PS256";
    }

    @Override
    String encryptionAlgorithm() {
        return "RSA-OAEP-256";
    }
}
