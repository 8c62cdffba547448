package org.jwtauth.keys;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jwtauth.testing.NoDatabase;

/** RS384 from key files: rs384-current.pem signs, rs384-previous.jwk.json is a previous key still published. */
@NoDatabase
@QuarkusTest
@TestProfile(Rs384KeyFilesTest.Profile.class)
class Rs384KeyFilesTest extends KeyFilesContract {

    /** RS384 keys from two files. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.algorithm", "RS384",
                    "auth.keys.files", DIR + "rs384-current.pem," + DIR + "rs384-previous.jwk.json");
        }
    }

    @Override
    String algorithm() {
        return "RS384";
    }

    @Override
    String currentKeyFile() {
        return "rs384-current.pem";
    }

    @Override
    String previousKeyFile() {
        return "rs384-previous.jwk.json";
    }

    @Override
    String previousPrivateKeyFile() {
        return "rs384-previous-private.jwk.json";
    }
}
