package org.jwtauth.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jwtauth.testing.Logins.passwordGrant;
import static org.jwtauth.testing.Logins.uniqueAddress;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;
import org.jwtauth.testing.TestUsers;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * SPEC §7: an unknown username and a wrong password are indistinguishable, in the answer and in
 * the work done: the unknown user is compared against a dummy hash, so both cost one Argon2 run.
 * Counted through the service's own metric rather than timed, so machine load cannot decide it.
 */
@NoDatabase
@QuarkusTest
class LoginTimingTest {

    @Inject
    MeterRegistry registry;

    @Test
    void shouldRunOneHashAndAnswerAlikeForUnknownUserAndWrongPassword() {
        String username = TestUsers.uniqueName("timed");
        TestUsers.create(username, TestUsers.strongPassword(), "user");

        double before = verifications();
        Response unknown = passwordGrant(TestUsers.uniqueName("nobody"), "some-password-1", uniqueAddress());
        double afterUnknown = verifications();
        Response wrong = passwordGrant(username, "some-password-1", uniqueAddress());
        double afterWrong = verifications();

        assertEquals(1.0, afterUnknown - before, "an unknown user costs one (dummy) hash");
        assertEquals(1.0, afterWrong - afterUnknown, "a wrong password costs one hash");
        assertEquals(400, unknown.statusCode());
        assertEquals(unknown.statusCode(), wrong.statusCode());
        assertEquals(unknown.body().asString(), wrong.body().asString(), "same body");
        assertEquals(unknown.header("WWW-Authenticate"), wrong.header("WWW-Authenticate"));
    }

    private double verifications() {
        return registry.counter("auth.password.verifications").count();
    }
}
