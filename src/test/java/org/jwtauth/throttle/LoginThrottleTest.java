package org.jwtauth.throttle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwtauth.testing.Logins.login;
import static org.jwtauth.testing.Logins.passwordGrant;
import static org.jwtauth.testing.Logins.uniqueAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestClock;
import org.jwtauth.testing.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** SPEC §7, §10: failed logins lock a username (doubling 1 to 15 minutes) and an address (20 per 15 minutes). */
@QuarkusTest
class LoginThrottleTest {

    @Inject
    TestClock clock;

    @Inject
    ThrottleRepository repository;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** 429 with the JSON body and a Retry-After of the lock (a few seconds may have passed since it began). */
    private static void assertLocked(Response response, long lockSeconds) {
        response.then()
                .statusCode(429)
                .contentType(ContentType.JSON)
                .body("error", equalTo("too_many_requests"))
                .body("error_description", equalTo("Too many failed logins; try again later."));
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter <= lockSeconds && retryAfter > lockSeconds - 10,
                "Retry-After " + retryAfter + " for a lock of " + lockSeconds + " s");
    }

    private static void failTimes(String username, int times, String address) {
        for (int i = 0; i < times; i++) {
            login(username, "wrong-password-" + i, address).then().statusCode(401).body("error", equalTo("invalid_grant"));
        }
    }

    @Test
    void shouldAnswer429OnSixthAttemptAfterFiveFailuresEvenWithTheRightPassword() {
        String username = TestUsers.uniqueName("lock");
        String password = TestUsers.strongPassword();
        TestUsers.create(username, password, "user");
        String address = uniqueAddress();

        failTimes(username, 5, address);

        assertLocked(login(username, password, address), 60);
        // the lock is on the username: another address and the token endpoint are refused too
        assertLocked(login(username, password, uniqueAddress()), 60);
        assertLocked(passwordGrant(username, password, uniqueAddress()), 60);
    }

    @Test
    void shouldLockUnknownUsernameExactlyLikeAnExistingOne() {
        String unknown = TestUsers.uniqueName("ghost");
        String address = uniqueAddress();
        for (int i = 0; i < 5; i++) {
            passwordGrant(unknown, "whatever-" + i, address).then().statusCode(400).body("error", equalTo("invalid_grant"));
        }
        assertLocked(passwordGrant(unknown, "whatever", address), 60);
        assertLocked(login(unknown, "whatever", address), 60);
    }

    @Test
    void shouldCountUsernamesCaseInsensitively() {
        String username = TestUsers.uniqueName("Case");
        String address = uniqueAddress();
        failTimes(username.toUpperCase(), 2, address);
        failTimes(username.toLowerCase(), 2, address);
        failTimes(username, 1, address);
        assertLocked(login(username.toLowerCase(), "x", address), 60);
    }

    @Test
    void shouldDoubleTheLockUpToFifteenMinutes() {
        String username = TestUsers.uniqueName("double");
        String address = uniqueAddress();
        failTimes(username, 5, address);
        assertLocked(login(username, "x", address), 60);
        long previous = 60;
        for (long expected : new long[] {120, 240, 480, 900, 900}) {
            clock.advance(Duration.ofSeconds(previous - 15));
            login(username, "x", address).then().statusCode(429);
            clock.advance(Duration.ofSeconds(16));
            // the previous lock has run out: one more failure, then a lock twice as long
            failTimes(username, 1, address);
            assertLocked(login(username, "x", address), expected);
            previous = expected;
        }
    }

    @Test
    void shouldResetTheCountAfterASuccessfulLogin() {
        String username = TestUsers.uniqueName("reset");
        String password = TestUsers.strongPassword();
        TestUsers.create(username, password, "user");
        String address = uniqueAddress();

        failTimes(username, 4, address);
        login(username, password, address).then().statusCode(200);
        failTimes(username, 4, address);
        login(username, password, address).then().statusCode(200);
    }

    @Test
    void shouldCountADisabledUsersAttemptsLikeWrongPasswords() {
        String username = TestUsers.uniqueName("disabled");
        String password = TestUsers.strongPassword();
        String id = TestUsers.create(username, password, "user");
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("enabled", false)).patch("/admin/users/" + id).then().statusCode(200);
        String address = uniqueAddress();
        for (int i = 0; i < 5; i++) {
            login(username, password, address).then().statusCode(401).body("error", equalTo("invalid_grant"));
        }
        assertLocked(login(username, password, address), 60);
    }

    @Test
    void shouldRefuseAnAddressForTheRestOfItsWindowAfterTwentyFailures() {
        String username = TestUsers.uniqueName("office");
        String password = TestUsers.strongPassword();
        TestUsers.create(username, password, "user");
        String address = uniqueAddress();
        Instant windowStart = clock.instant();
        // twenty different usernames, each below its own limit
        for (int i = 0; i < 20; i++) {
            login(TestUsers.uniqueName("typo"), "wrong", address).then().statusCode(401);
        }
        clock.advance(Duration.ofMinutes(5));
        Response refused = login(username, password, address);
        refused.then().statusCode(429).body("error", equalTo("too_many_requests"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        // the window runs from the first failure: what is left of it, whatever time the twenty requests took
        long left = Duration.between(clock.instant(), windowStart.plus(Duration.ofMinutes(15))).toSeconds();
        assertTrue(retryAfter >= left && retryAfter <= left + 2 && retryAfter <= 600,
                "rest of the 15-minute window (" + left + " s), was " + retryAfter);

        login(username, password, uniqueAddress()).then().statusCode(200);
        clock.advance(Duration.ofMinutes(10));
        login(username, password, address).then().statusCode(200);
    }

    @Test
    void shouldNotLoseFailuresWhenAttemptsRace() throws Exception {
        String username = TestUsers.uniqueName("race");
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String address = uniqueAddress();
                answers.add(pool.submit(() -> login(username, "wrong", address).statusCode()));
            }
            int counted = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 401 || status == 429, "status " + status);
                counted += status == 401 ? 1 : 0;
            }
            int expected = counted;
            int stored = QuarkusTransaction.requiringNew().call(
                    () -> repository.find(LoginThrottle.usernameKey(username)).orElseThrow().failures);
            assertEquals(expected, stored, "every refused password is counted once");
            assertTrue(stored >= 5, "at least the limit was reached");
            login(username, "wrong", uniqueAddress()).then().statusCode(429);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Fires the attempts all at once (a latch releases them together); answers their responses. */
    private static List<Response> inParallel(int count, java.util.function.IntFunction<Response> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return attempt.apply(n);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldCheckAtMostFivePasswordsWhenFiftyWrongAttemptsForOneUserRace() throws Exception {
        String username = TestUsers.uniqueName("flood");
        String password = TestUsers.strongPassword();
        TestUsers.create(username, password, "user");
        String address = uniqueAddress();

        List<Response> responses = inParallel(50, i -> login(username, "wrong-password-" + i, address));

        long checked = responses.stream().filter(r -> r.statusCode() == 401).count();
        assertTrue(checked >= 1 && checked <= 5, "password checks: " + checked);
        for (Response response : responses) {
            if (response.statusCode() == 401) {
                response.then().body("error", equalTo("invalid_grant"))
                        .body("error_description", equalTo("Invalid username or password."));
            } else {
                assertLocked(response, 60);
            }
        }
        // the lock holds for the right password too, from anywhere (the checks above took some of its minute)
        Response refused = login(username, password, uniqueAddress());
        refused.then().statusCode(429).body("error", equalTo("too_many_requests"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
    }

    @Test
    void shouldCheckAtMostTwentyPasswordsWhenAttemptsFromOneAddressRace() throws Exception {
        String address = uniqueAddress();

        List<Response> responses = inParallel(30, i -> passwordGrant(TestUsers.uniqueName("nat" + i), "wrong", address));

        long checked = responses.stream().filter(r -> r.statusCode() == 400).count();
        assertTrue(checked <= 20, "password checks from one address: " + checked);
        responses.stream().filter(r -> r.statusCode() != 400).forEach(r -> r.then().statusCode(429)
                .body("error", equalTo("too_many_requests")).header("Retry-After", not(equalTo(null))));
        login(TestUsers.uniqueName("late"), "wrong", address).then().statusCode(429);
    }

    @Test
    void shouldCountIpv6AddressesPerSlash64() {
        // twenty failures, each from another address of one /64, each for another username
        String network = "2001:db8:1234:5678:";
        for (int i = 0; i < 20; i++) {
            login(TestUsers.uniqueName("v6"), "wrong", network + Integer.toHexString(i + 1) + "::" + (i + 7))
                    .then().statusCode(401);
        }
        Response refused = login(TestUsers.uniqueName("v6"), "wrong", network + "ffff:1:2:3");
        refused.then().statusCode(429).body("error", equalTo("too_many_requests"));
        // another /64 of the same /48 is a different subscriber
        login(TestUsers.uniqueName("v6"), "wrong", "2001:db8:1234:5679::1").then().statusCode(401);
    }

    @Test
    void shouldLetAnAdminClearALockout() {
        String username = TestUsers.uniqueName("cleared");
        String password = TestUsers.strongPassword();
        String id = TestUsers.create(username, password, "user");
        String address = uniqueAddress();
        failTimes(username, 5, address);
        assertLocked(login(username, password, address), 60);

        given().auth().oauth2(TestUsers.tokenWithRoles("user")).delete("/admin/users/" + id + "/lockout")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
        given().auth().oauth2(TestUsers.adminToken()).delete("/admin/users/" + id + "/lockout")
                .then().statusCode(204);

        login(username, password, address).then().statusCode(200);
        given().auth().oauth2(TestUsers.adminToken()).queryParam("user", username).queryParam("type", "LOCKOUT_CLEARED")
                .get("/admin/audit").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].user_id", equalTo(id));
        given().auth().oauth2(TestUsers.adminToken()).delete("/admin/users/" + java.util.UUID.randomUUID() + "/lockout")
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void shouldNotThrottleOtherUsersFromTheSameAddress() {
        String victim = TestUsers.uniqueName("victim");
        String password = TestUsers.strongPassword();
        TestUsers.create(victim, password, "user");
        String address = uniqueAddress();
        failTimes(TestUsers.uniqueName("attacked"), 5, address);
        login(victim, password, address).then().statusCode(200).header("Retry-After", not(equalTo("60")));
    }
}
