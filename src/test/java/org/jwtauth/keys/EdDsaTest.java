package org.jwtauth.keys;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;

import org.jwtauth.testing.NoDatabase;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** EdDSA (Ed25519) with managed keys. */
@NoDatabase
@QuarkusTest
@TestProfile(EdDsaTest.Profile.class)
class EdDsaTest extends AlgorithmContract {

    /** Managed Ed25519 keys. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.algorithm", "EdDSA");
        }
    }

    @Override
    String algorithm() {
        return "EdDSA";
    }
}
