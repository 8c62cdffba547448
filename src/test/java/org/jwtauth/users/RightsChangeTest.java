package org.jwtauth.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.Logins;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;
import org.jwtauth.testing.TestSessions.Tokens;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** SPEC §5: a change of a user's rights takes effect at once, also for logins racing with it. */
@QuarkusTest
class RightsChangeTest {

    private static void assertRevoked(Response response) {
        response.then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"))
                .body("error_description", containsString("revoked"));
    }

    private static Response patch(String token, String userId, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).patch("/admin/users/" + userId);
    }

    @Test
    void shouldRefuseADemotedAdminsOldTokenAndLetItNotRestoreItsRole() {
        Account demoted = TestSessions.newAccount("admin", "user");
        Tokens old = demoted.login();
        given().auth().oauth2(old.accessToken()).get("/admin/users").then().statusCode(200);

        patch(TestUsers.adminToken(), demoted.id(), Map.of("roles", List.of("user"))).then().statusCode(200)
                .body("roles", equalTo(List.of("user")));

        assertRevoked(given().auth().oauth2(old.accessToken()).get("/admin/users"));
        assertRevoked(patch(old.accessToken(), demoted.id(), Map.of("roles", List.of("admin", "user"))));
        given().auth().oauth2(TestUsers.adminToken()).get("/admin/users/" + demoted.id()).then()
                .statusCode(200).body("roles", equalTo(List.of("user")));
        // the session survives and the next refresh carries the new roles only
        Tokens refreshed = TestSessions.refreshed(old.refreshToken());
        assertEquals("user", refreshed.scope());
        given().auth().oauth2(refreshed.accessToken()).get("/admin/users").then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        given().auth().oauth2(refreshed.accessToken()).get("/api/user").then().statusCode(200);
    }

    @Test
    void shouldLeaveNoUsableTokenWhenADisableRacesSixteenLogins() throws Exception {
        Account account = TestSessions.newAccount("user");
        int logins = 16;
        ExecutorService pool = Executors.newFixedThreadPool(logins);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return Logins.login(account.username(), account.password(), Logins.uniqueAddress());
                }, pool));
            }
            start.countDown();
            // disable while the remaining logins are still checking the password
            CompletableFuture.anyOf(answers.toArray(CompletableFuture[]::new)).join();
            patch(TestUsers.adminToken(), account.id(), Map.of("enabled", false)).then().statusCode(200)
                    .body("enabled", equalTo(false));

            int issued = 0;
            for (CompletableFuture<Response> answer : answers) {
                Response response = answer.join();
                if (response.statusCode() == 200) {
                    issued++;
                    JsonPath body = response.jsonPath();
                    assertRevoked(given().auth().oauth2(body.getString("access_token")).get("/api/claims"));
                    TestSessions.refresh(body.getString("refresh_token")).then().statusCode(400)
                            .body("error", equalTo("invalid_grant"));
                } else if (response.statusCode() == 429) {
                    // more logins of one username in flight than the lockout allows checks for
                    response.then().body("error", equalTo("too_many_requests"));
                } else {
                    response.then().statusCode(401).body("error", equalTo("invalid_grant"))
                            .body("error_description", equalTo("Invalid username or password."));
                }
            }
            assertTrue(issued >= 1, "the first login finished before the disable");
            int audited = given().auth().oauth2(TestUsers.adminToken()).queryParam("user", account.username())
                    .queryParam("type", "LOGIN_SUCCESS").get("/admin/audit")
                    .then().statusCode(200).extract().path("total");
            assertEquals(issued, audited, "a login the disable stopped is not audited as a success");
        } finally {
            pool.shutdownNow();
        }
    }

    // a refresh times its token under the user's row lock and signs after its commit: every token a
    // refresh racing a demotion hands out is either revoked or carries the new roles only
    @Test
    void shouldLetNoRefreshRacingADemotionKeepTheOldRole() throws Exception {
        Account account = TestSessions.newAccount("admin", "user");
        int refreshes = 16;
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < refreshes; i++) {
            refreshTokens.add(account.login().refreshToken());
        }
        ExecutorService pool = Executors.newFixedThreadPool(refreshes);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (String refreshToken : refreshTokens) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return TestSessions.refresh(refreshToken);
                }, pool));
            }
            start.countDown();
            CompletableFuture.anyOf(answers.toArray(CompletableFuture[]::new)).join();
            patch(TestUsers.adminToken(), account.id(), Map.of("roles", List.of("user"))).then().statusCode(200);

            for (CompletableFuture<Response> answer : answers) {
                Response response = answer.join();
                response.then().statusCode(200);
                Response admin = given().auth().oauth2(response.jsonPath().getString("access_token")).get("/admin/users");
                if (admin.statusCode() == 401) {
                    assertRevoked(admin);
                } else {
                    admin.then().statusCode(403).body("error", equalTo("insufficient_scope"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseADeletedUsersTokenAndRefreshToken() {
        Account account = TestSessions.newAccount("user");
        Tokens tokens = account.login();
        given().auth().oauth2(TestUsers.adminToken()).delete("/admin/users/" + account.id()).then().statusCode(204);
        assertRevoked(given().auth().oauth2(tokens.accessToken()).get("/api/user"));
        TestSessions.refresh(tokens.refreshToken()).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void shouldAcceptALoginRightAfterLogoutAllInTheSameSecond() {
        Account account = TestSessions.newAccount("user");
        Tokens first = account.login();
        given().auth().oauth2(first.accessToken()).post("/auth/logout-all").then().statusCode(204);
        Tokens second = account.login();
        assertRevoked(given().auth().oauth2(first.accessToken()).get("/api/user"));
        given().auth().oauth2(second.accessToken()).get("/api/user").then().statusCode(200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
