package org.jwtauth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.jwtauth.testing.NoDatabase;

/** A real start with an EC key file and RS256 fails, and the message names the setting and the file. */
@NoDatabase
@QuarkusMainTest
@TestProfile(WrongKeyCombinationTest.Profile.class)
class WrongKeyCombinationTest {

    /** An EC P-256 key file while the algorithm is RS256. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.keys.algorithm", "RS256",
                    "auth.keys.files", KeyFilesContract.DIR + "ec-p256.pem");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void shouldRefuseToStart(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertEquals(1, result.exitCode());
        assertTrue(output.contains("auth.keys.files: " + KeyFilesContract.DIR + "ec-p256.pem holds an EC key"), output);
        assertTrue(output.contains("auth.keys.algorithm=RS256 needs an RSA key"), output);
    }
}
