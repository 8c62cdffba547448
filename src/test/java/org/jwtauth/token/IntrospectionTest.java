package org.jwtauth.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.jwtauth.testing.TestSessions.refreshed;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.keys.KeyService;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;
import org.jwtauth.testing.TestSessions.Tokens;
import org.jwtauth.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * {@code POST /auth/introspect} (RFC 7662): live, expired and revoked tokens of both kinds, and who may ask.
 * A client without the role {@code introspect} authenticated fine, so it gets 403, not 401 (RFC 7662 §2.3
 * reserves 401 for missing or bad credentials).
 */
@QuarkusTest
class IntrospectionTest {

    private static final String ISSUER = "https://auth.test.example";

    @Inject
    KeyService keys;

    private List<String> introspector;

    @BeforeEach
    void createIntrospector() {
        introspector = TestSessions.newClient("introspect");
    }

    private ValidatableResponse introspect(String token) {
        return given().auth().preemptive().basic(introspector.get(0), introspector.get(1))
                .formParam("token", token)
                .post("/auth/introspect")
                .then().statusCode(200).header("Cache-Control", "no-store");
    }

    private void assertInactive(String token) {
        introspect(token).body("$", aMapWithSize(1)).body("active", equalTo(false));
    }

    @Test
    void shouldDescribeLiveAccessToken() {
        Account account = TestSessions.newAccount("user");
        Tokens tokens = account.login();
        introspect(tokens.accessToken())
                .body("active", equalTo(true))
                .body("sub", equalTo(account.id()))
                .body("username", equalTo(account.username()))
                .body("scope", equalTo("user"))
                .body("client_id", equalTo("first-party"))
                .body("exp", greaterThan((int) Instant.now().getEpochSecond()))
                .body("iat", greaterThan(0))
                .body("iss", equalTo(ISSUER))
                .body("aud", equalTo(ISSUER))
                .body("token_type", equalTo("access_token"));
    }

    @Test
    void shouldDescribeLiveRefreshTokenIssuedToClient() {
        Account account = TestSessions.newAccount("user");
        List<String> client = TestSessions.newClient("user");
        String refreshToken = given().formParam("grant_type", "password").formParam("username", account.username())
                .formParam("password", account.password())
                .formParam("client_id", client.get(0)).formParam("client_secret", client.get(1))
                .post("/auth/token").then().statusCode(200).extract().path("refresh_token");
        introspect(refreshToken)
                .body("active", equalTo(true))
                .body("sub", equalTo(account.id()))
                .body("username", equalTo(account.username()))
                .body("scope", equalTo("user"))
                .body("client_id", equalTo(client.get(0)))
                .body("exp", greaterThan((int) Instant.now().getEpochSecond()))
                .body("iat", greaterThan(0))
                .body("iss", equalTo(ISSUER))
                .body("aud", equalTo(ISSUER))
                .body("token_type", equalTo("refresh_token"));
    }

    @Test
    void shouldAnswerInactiveForRotatedAndRevokedRefreshTokens() {
        Tokens login = TestSessions.newAccount("user").login();
        Tokens next = refreshed(login.refreshToken());
        assertInactive(login.refreshToken());
        introspect(next.refreshToken()).body("active", equalTo(true));

        given().auth().oauth2(next.accessToken()).post("/auth/logout").then().statusCode(204);

        assertInactive(next.refreshToken());
        assertInactive(next.accessToken());
    }

    @Test
    void shouldAnswerInactiveForRevokedAccessToken() {
        Tokens login = TestSessions.newAccount("user").login();
        given().formParam("token", login.accessToken()).post("/auth/revoke").then().statusCode(200);
        assertInactive(login.accessToken());
    }

    @Test
    void shouldAnswerInactiveForExpiredForeignAndGarbageTokens() {
        Instant past = Instant.now().minusSeconds(900);
        assertInactive(TestTokens.sign(keys, TestTokens.validClaims("user").issuedAt(past).expiresAt(past.plusSeconds(60))));
        assertInactive(TestTokens.signWithForeignKey(TestTokens.validClaims("user"), keys.currentSigningKey().kid()));
        assertInactive("garbage");
        assertInactive("a.b.c");
        assertInactive("x".repeat(3000));
    }

    @Test
    void shouldAcceptClientCredentialsInTheForm() {
        Tokens login = TestSessions.newAccount("user").login();
        given().formParam("token", login.accessToken())
                .formParam("client_id", introspector.get(0)).formParam("client_secret", introspector.get(1))
                .post("/auth/introspect")
                .then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void shouldRefuseClientWithoutIntrospectRole() {
        List<String> plain = TestSessions.newClient("user");
        given().auth().preemptive().basic(plain.get(0), plain.get(1))
                .formParam("token", "anything")
                .post("/auth/introspect")
                .then().statusCode(403)
                .body("error", equalTo("unauthorized_client"))
                .body("error_description", equalTo("This client is not allowed to introspect tokens."));
    }

    @Test
    void shouldChallengeCallerWithoutOrWithBadClientCredentials() {
        given().formParam("token", "anything").post("/auth/introspect").then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"jwt-auth-service\""))
                .body("error", equalTo("invalid_client"))
                .body("error_description", equalTo("Client authentication failed."));
        given().auth().preemptive().basic(introspector.get(0), "wrong")
                .formParam("token", "anything").post("/auth/introspect").then()
                .statusCode(401).body("error", equalTo("invalid_client"));
        // a user's bearer token is not client authentication
        String userToken = TestSessions.newAccount("user", "introspect").login().accessToken();
        given().auth().oauth2(userToken).formParam("token", userToken).post("/auth/introspect").then()
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void shouldRequireTokenParameter() {
        given().auth().preemptive().basic(introspector.get(0), introspector.get(1))
                .formParam("token_type_hint", "access_token")
                .post("/auth/introspect").then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("The parameter 'token' is required."));
    }
}
