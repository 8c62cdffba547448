package org.jwtauth.keys;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jwtauth.testing.NoDatabase;

/** HS256 with a shared secret: nothing published. */
@NoDatabase
@QuarkusTest
@TestProfile(Hs256Test.Profile.class)
class Hs256Test extends AlgorithmContract {

    /** HS256 with a 256-bit secret. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.algorithm", "HS256", "auth.keys.hmac-secret", "c2hhcmVkLXNlY3JldC1mb3ItdGVzdHMtb25seS0yNTYtYml0cyE=");
        }
    }

    @Override
    String algorithm() {
        return "HS256";
    }
}
