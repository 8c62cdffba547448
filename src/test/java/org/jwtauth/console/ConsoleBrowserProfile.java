package org.jwtauth.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The browser tests' profile: a fixed port, and the issuer on it, so the console's redirect URI is one
 * the browser can open; a short access token lifetime, so the console's refresh happens during the test.
 */
public class ConsoleBrowserProfile implements QuarkusTestProfile {

    static final int PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", String.valueOf(PORT),
                "auth.issuer", "http://localhost:" + PORT,
                "auth.token.access-lifetime", "60S");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
