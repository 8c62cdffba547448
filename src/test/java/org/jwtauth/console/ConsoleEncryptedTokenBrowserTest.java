package org.jwtauth.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code auth.token.encryption.enabled} the access token is a JWE only the service can read: the
 * console still says who you are, your roles and the signing key's state, from userinfo and the verdict.
 */
@NoDatabase
@QuarkusTest
@TestProfile(ConsoleEncryptedTokenBrowserTest.EncryptedProfile.class)
class ConsoleEncryptedTokenBrowserTest {

    /** The browser profile with nested, encrypted access tokens. */
    public static class EncryptedProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new ConsoleBrowserProfile().getConfigOverrides());
            config.put("auth.token.encryption.enabled", "true");
            return config;
        }
    }

    @Test
    void shouldExplainAnEncryptedTokenFromWhatTheServiceSays() throws Exception {
        String password = ConfigProvider.getConfig().getValue("auth.bootstrap.admin.password", String.class);
        try (Chromium browser = new Chromium()) {
            browser.open("http://localhost:" + ConsoleBrowserProfile.PORT + "/console/");
            browser.click("#start-sign-in");
            browser.type("#username", "admin");
            browser.type("#password", password);
            browser.click("#sign-in");
            assertEquals("admin", browser.byId("token-who").getText());
            assertTrue(browser.byId("token-roles").getText().contains("admin"));
            browser.find("#token-encrypted");
            browser.waitForText("#token-key-state", "is current");
            assertTrue(browser.byId("token-header").getText().contains("RSA-OAEP"), browser.byId("token-header").getText());
            assertEquals(List.of(), browser.policyViolationsAndScriptErrors());
        }
    }
}
