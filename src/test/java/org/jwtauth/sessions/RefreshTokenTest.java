package org.jwtauth.sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwtauth.testing.TestSessions.claimsStatus;
import static org.jwtauth.testing.TestSessions.refresh;
import static org.jwtauth.testing.TestSessions.refreshed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;
import org.jwtauth.testing.TestSessions.Tokens;
import org.jwtauth.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

/** The refresh_token grant (SPEC §2): rotation, the grace window, reuse as theft, races, scope and client binding. */
@QuarkusTest
class RefreshTokenTest {

    private static final String REUSE = "The refresh token was already used; the session has been revoked.";
    private static final String INVALID = "The refresh token is invalid, expired or revoked.";

    @Test
    void shouldReturnRefreshTokenOfAtLeast256BitsFromLoginAndPasswordGrant() {
        Account account = TestSessions.newAccount("user");
        Tokens login = account.login();
        assertTrue(login.refreshToken().length() >= 43, "256 bits in base64url are at least 43 characters");
        given().formParam("grant_type", "password").formParam("username", account.username())
                .formParam("password", account.password())
                .post("/auth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("refresh_token", not(nullValue()));
    }

    @Test
    void shouldPutThePersistedSessionIdIntoAccessTokens() {
        Tokens login = TestSessions.newAccount("user").login();
        String sid = sid(login.accessToken());
        assertEquals(sid, sid(refreshed(login.refreshToken()).accessToken()), "a refresh stays in the session");
        assertNotEquals(sid, sid(TestSessions.newAccount("user").login().accessToken()));
    }

    @Test
    void shouldNeverReturnRefreshTokenForClientCredentials() {
        List<String> client = TestSessions.newClient("user");
        given().auth().preemptive().basic(client.get(0), client.get(1))
                .formParam("grant_type", "client_credentials")
                .post("/auth/token")
                .then().statusCode(200)
                .body("access_token", not(nullValue()))
                .body("refresh_token", nullValue());
    }

    @Test
    void shouldRotateRefreshTokenOnEveryUse() {
        Tokens login = TestSessions.newAccount("user").login();
        Tokens first = refreshed(login.refreshToken());
        Tokens second = refreshed(first.refreshToken());
        assertNotEquals(login.refreshToken(), first.refreshToken());
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertEquals(200, claimsStatus(second.accessToken()));
        refresh(second.refreshToken()).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("user"));
    }

    @Test
    void shouldAnswerRetryWithinGraceWindowWithTheSameRefreshToken() {
        Tokens login = TestSessions.newAccount("user").login();
        Tokens rotated = refreshed(login.refreshToken());
        Tokens retried = refreshed(login.refreshToken());
        assertEquals(rotated.refreshToken(), retried.refreshToken());
        assertEquals(200, claimsStatus(retried.accessToken()));
        Tokens next = refreshed(retried.refreshToken());
        assertEquals(200, claimsStatus(next.accessToken()));
    }

    @Test
    void shouldRevokeSessionWhenOlderThanPredecessorTokenIsReused() {
        Tokens login = TestSessions.newAccount("user").login();
        Tokens first = refreshed(login.refreshToken());
        Tokens second = refreshed(first.refreshToken());

        refresh(login.refreshToken()).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo(REUSE));
        // the whole session is gone: the live refresh token and every access token of it
        refresh(second.refreshToken()).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo(INVALID));
        given().auth().oauth2(second.accessToken()).get("/api/claims").then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"))
                .body("error_description", equalTo("The token has been revoked."));
        assertEquals(401, claimsStatus(login.accessToken()));
    }

    @Test
    void shouldRejectUnknownRefreshToken() {
        refresh("not-a-refresh-token").then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo(INVALID));
        refresh("x".repeat(5000)).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void shouldRequireRefreshTokenParameter() {
        given().formParam("grant_type", "refresh_token").post("/auth/token").then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("The parameter 'refresh_token' is required."));
    }

    @Test
    void shouldAcceptRefreshGrantAsJson() {
        Tokens login = TestSessions.newAccount("user").login();
        given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "refresh_token", "refresh_token", login.refreshToken()))
                .post("/auth/token")
                .then().statusCode(200).body("refresh_token", not(equalTo(login.refreshToken())));
    }

    @Test
    void shouldGrantNarrowerScopeOnRefresh() {
        Tokens login = TestSessions.newAccount("user", "admin").login();
        JsonPath narrowed = refresh(login.refreshToken(), "user").then().statusCode(200)
                .body("scope", equalTo("user")).extract().jsonPath();
        String access = narrowed.getString("access_token");
        given().auth().oauth2(access).get("/api/user").then().statusCode(200);
        given().auth().oauth2(access).get("/api/admin").then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        // narrowing applies to that access token only: the session keeps its original grant
        refresh(narrowed.getString("refresh_token")).then().statusCode(200).body("scope", equalTo("admin user"));
    }

    @Test
    void shouldRefuseWiderScopeOnRefreshAndKeepTheRefreshToken() {
        Account account = TestSessions.newAccount("user", "admin");
        String refreshToken = given().formParam("grant_type", "password").formParam("username", account.username())
                .formParam("password", account.password()).formParam("scope", "user")
                .post("/auth/token")
                .then().statusCode(200).body("scope", equalTo("user"))
                .extract().path("refresh_token");

        refresh(refreshToken, "user admin").then().statusCode(400)
                .body("error", equalTo("invalid_scope"))
                .body("error_description", equalTo("The scope 'admin' is not granted to this caller."));
        // the refused request rotated nothing: the token still works, and only with the original scope
        refresh(refreshToken).then().statusCode(200).body("scope", equalTo("user"));
    }

    @Test
    void shouldBindRefreshTokenToTheClientItWasIssuedTo() {
        Account account = TestSessions.newAccount("user");
        List<String> owner = TestSessions.newClient("user");
        List<String> other = TestSessions.newClient("user");
        String refreshToken = given().auth().preemptive().basic(owner.get(0), owner.get(1))
                .formParam("grant_type", "password").formParam("username", account.username())
                .formParam("password", account.password())
                .post("/auth/token")
                .then().statusCode(200).extract().path("refresh_token");

        given().auth().preemptive().basic(other.get(0), other.get(1))
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .post("/auth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token was issued to another client."));
        refresh(refreshToken).then().statusCode(400)
                .body("error_description", equalTo("The refresh token was issued to another client."));
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .formParam("client_id", owner.get(0)).formParam("client_secret", owner.get(1))
                .post("/auth/token")
                .then().statusCode(200).body("refresh_token", not(nullValue()));
    }

    @Test
    void shouldRefuseRefreshWithWrongClientSecret() {
        Tokens login = TestSessions.newAccount("user").login();
        List<String> client = TestSessions.newClient("user");
        given().auth().preemptive().basic(client.get(0), "wrong-secret")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", login.refreshToken())
                .post("/auth/token")
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"jwt-auth-service\""))
                .body("error", equalTo("invalid_client"));
        refreshed(login.refreshToken());
    }

    @Test
    void shouldNeverLeaveTwoLiveRefreshTokensWhenRefreshesRace() throws Exception {
        Tokens login = TestSessions.newAccount("user").login();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return refresh(login.refreshToken());
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            Set<String> issued = responses.stream()
                    .peek(r -> assertTrue(r.statusCode() == 200 || r.statusCode() == 400, "status " + r.statusCode()))
                    .filter(r -> r.statusCode() == 200)
                    .map(r -> r.jsonPath().getString("refresh_token"))
                    .collect(Collectors.toSet());
            assertEquals(1, issued.size(), "every racer that succeeded got the same new refresh token");
            String survivor = issued.iterator().next();
            for (Response r : responses) {
                if (r.statusCode() == 200) {
                    assertEquals(200, claimsStatus(r.jsonPath().getString("access_token")));
                } else {
                    assertEquals("invalid_grant", r.jsonPath().getString("error"));
                }
            }
            // the session survived the race
            Tokens next = refreshed(survivor);
            assertEquals(200, claimsStatus(next.accessToken()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static String sid(String accessToken) {
        return JsonPath.from(TestTokens.decodePart(accessToken, 1)).getString("sid");
    }
}
