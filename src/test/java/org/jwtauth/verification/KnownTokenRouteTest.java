package org.jwtauth.verification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;
import org.jwtauth.testing.TestSessions.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Requests whose token the verified-token cache already holds take {@link KnownTokenRoute}'s shortcut
 * instead of Quarkus's lazy authentication chain: the same identity, the same roles, and every check
 * that can change (revocation here) still applied on each request, including while it races.
 */
@QuarkusTest
class KnownTokenRouteTest {

    private static final String REVOKED = "Bearer realm=\"jwt-auth-service\", error=\"invalid_token\", "
            + "error_description=\"The token has been revoked.\"";

    private static int status(String path, String token) {
        return given().auth().oauth2(token).get(path).then().extract().statusCode();
    }

    @Test
    void shouldGiveACachedTokenTheSameIdentityAndRoles() {
        Account account = TestSessions.newAccount("user");
        Tokens tokens = account.login();
        String username = account.username();
        given().auth().oauth2(tokens.accessToken()).get("/api/claims").then()
                .statusCode(200)
                .body("upn", equalTo(username));
        for (int i = 0; i < 3; i++) { // the first call fills the cache, the others take the shortcut
            given().auth().oauth2(tokens.accessToken()).get("/api/user").then()
                    .statusCode(200)
                    .body("username", equalTo(username));
            given().auth().oauth2(tokens.accessToken()).get("/api/admin").then()
                    .statusCode(403)
                    .body("error", equalTo("insufficient_scope"));
            given().auth().oauth2(tokens.accessToken()).get("/users/me").then()
                    .statusCode(200)
                    .body("username", equalTo(username));
        }
    }

    @Test
    void shouldRefuseACachedTokenWithItsReasonOnceRevokedAndStillServeItOnPublicEndpoints() {
        Tokens tokens = TestSessions.newAccount("user").login();
        assertEquals(200, status("/api/user", tokens.accessToken()));
        assertEquals(200, status("/api/user", tokens.accessToken()));

        given().auth().oauth2(tokens.accessToken()).post("/auth/logout").then().statusCode(204);

        given().auth().oauth2(tokens.accessToken()).get("/api/user").then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo(REVOKED))
                .body("error", equalTo("invalid_token"))
                .body("error_description", equalTo("The token has been revoked."));
        given().auth().oauth2(tokens.accessToken()).get("/api/public").then()
                .statusCode(200)
                .body("message", equalTo("public"));
    }

    @Test
    void shouldRefuseTwoAuthorizationHeadersEvenWhenBothTokensAreCached() {
        String first = TestSessions.newAccount("user").login().accessToken();
        String second = TestSessions.newAccount("user").login().accessToken();
        assertEquals(200, status("/api/user", first));
        assertEquals(200, status("/api/user", second));

        given().header("Authorization", "Bearer " + first).header("Authorization", "Bearer " + second)
                .get("/api/user").then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    /**
     * 16 threads call with one cached token while its session is logged out: once the logout has
     * answered, no request sent after it is served (the shortcut rechecks revocation every time).
     */
    @Test
    void shouldServeNoRequestSentAfterALogoutThatRacesParallelCallers() throws Exception {
        Tokens tokens = TestSessions.newAccount("user").login();
        assertEquals(200, status("/api/user", tokens.accessToken()));

        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch going = new CountDownLatch(callers);
        AtomicBoolean loggedOut = new AtomicBoolean();
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    start.await();
                    for (int n = 0; n < 40; n++) {
                        boolean after = loggedOut.get();
                        int status = status("/api/user", tokens.accessToken());
                        if (status != 200 && status != 401 || after && status != 401) {
                            wrong.add((after ? "after" : "during") + " the logout: " + status);
                        }
                        going.countDown();
                    }
                    return wrong;
                }));
            }
            start.countDown();
            going.await(30, TimeUnit.SECONDS); // every caller has had an answer: the logout lands among them
            given().auth().oauth2(tokens.accessToken()).post("/auth/logout").then().statusCode(204);
            loggedOut.set(true);
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> result : results) {
                wrong.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertTrue(wrong.isEmpty(), () -> wrong.size() + " answers out of order with the logout, the first: "
                    + wrong.subList(0, Math.min(5, wrong.size())));
            assertEquals(401, status("/api/user", tokens.accessToken()));
        } finally {
            pool.shutdownNow();
        }
    }
}
