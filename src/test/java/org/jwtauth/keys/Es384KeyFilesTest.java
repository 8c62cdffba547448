package org.jwtauth.keys;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jwtauth.testing.NoDatabase;

/** ES384 from key files: es384-current.pem signs, es384-previous.pem is a previous key still published. */
@NoDatabase
@QuarkusTest
@TestProfile(Es384KeyFilesTest.Profile.class)
class Es384KeyFilesTest extends KeyFilesContract {

    /** ES384 keys from two files. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.algorithm", "ES384",
                    "auth.keys.files", DIR + "es384-current.pem," + DIR + "es384-previous.pem");
        }
    }

    @Override
    String algorithm() {
        return "ES384";
    }

    @Override
    String currentKeyFile() {
        return "es384-current.pem";
    }

    @Override
    String previousKeyFile() {
        return "es384-previous.pem";
    }

    @Override
    String previousPrivateKeyFile() {
        return "es384-previous-private.pem";
    }
}
