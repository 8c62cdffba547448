package org.jwtauth.sessions;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Short refresh-token lifetime and grace window, so expiry and reuse after the window are testable. */
public class ShortLifetimesProfile implements QuarkusTestProfile {

    static final long GRACE_MILLIS = 1_000;
    static final long REFRESH_LIFETIME_MILLIS = 4_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "auth.token.refresh-grace-period", "1S",
                "auth.token.refresh-lifetime", "4S");
    }
}
