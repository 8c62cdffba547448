package org.jwtauth.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwtauth.testing.Logins.passwordGrant;
import static org.jwtauth.testing.Logins.uniqueAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * SPEC §7: an unknown username and a wrong password are indistinguishable, in the answer and in
 * time (the unknown user is checked against a dummy hash). Not a performance test: it measures
 * whether one case skips the password hash, which would make it several times faster.
 */
@QuarkusTest
class LoginTimingTest {

    private static final int PAIRS = 16;
    // below the lock limit, so every try is a real password check
    private static final int TRIES_PER_USER = 4;

    @Test
    void shouldAnswerUnknownUserAndWrongPasswordAlikeAndInAboutTheSameTime() {
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < PAIRS / TRIES_PER_USER; i++) {
            String username = TestUsers.uniqueName("timed");
            TestUsers.create(username, TestUsers.strongPassword(), "user");
            existing.add(username);
        }
        // warm up both paths once, untimed
        passwordGrant(existing.get(0), "warm-up-password", uniqueAddress());
        passwordGrant(TestUsers.uniqueName("nobody"), "warm-up-password", uniqueAddress());

        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            // interleaved, so load on the machine weighs on both series alike
            Response a = passwordGrant(TestUsers.uniqueName("nobody"), "some-password-" + i, uniqueAddress());
            Response b = passwordGrant(existing.get(i / TRIES_PER_USER), "some-password-" + i, uniqueAddress());
            assertEquals(400, a.statusCode());
            assertEquals(a.statusCode(), b.statusCode());
            assertEquals(a.body().asString(), b.body().asString(), "same body");
            assertEquals(a.header("WWW-Authenticate"), b.header("WWW-Authenticate"));
            unknown.add(a.timeIn(TimeUnit.MILLISECONDS));
            wrong.add(b.timeIn(TimeUnit.MILLISECONDS));
        }
        long unknownMedian = median(unknown);
        long wrongMedian = median(wrong);
        long slower = Math.max(unknownMedian, wrongMedian);
        long faster = Math.max(1, Math.min(unknownMedian, wrongMedian));
        // skipping the hash makes one path several times faster; equal work stays well within 1.6×
        assertTrue(slower <= faster * 1.6 + 15,
                "medians differ too much: unknown user " + unknownMedian + " ms, wrong password " + wrongMedian + " ms");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
