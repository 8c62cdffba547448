package org.jwtauth.keys;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jwtauth.testing.NoDatabase;

/** RS512 with managed keys. */
@NoDatabase
@QuarkusTest
@TestProfile(Rs512Test.Profile.class)
class Rs512Test extends AlgorithmContract {

    /** Managed RS512 keys. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.algorithm", "RS512");
        }
    }

    @Override
    String algorithm() {
        return "RS512";
    }
}
