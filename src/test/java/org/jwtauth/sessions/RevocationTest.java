package org.jwtauth.sessions;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwtauth.testing.TestSessions.claimsStatus;
import static org.jwtauth.testing.TestSessions.refresh;
import static org.jwtauth.testing.TestSessions.refreshed;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jwtauth.keys.KeyService;
import org.jwtauth.common.persistence.Database;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Tokens;
import org.jwtauth.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code POST /auth/revoke} (RFC 7009) and revocations made by another replica (SPEC §5). */
@QuarkusTest
class RevocationTest {

    /** SPEC §5: a revocation is honoured by every replica within this bound. */
    private static final long BOUND_MILLIS = 5_000;

    @Inject
    Database db;

    @Inject
    KeyService keys;

    private static void revoke(String token, String hint) {
        var request = given().formParam("token", token);
        if (hint != null) {
            request.formParam("token_type_hint", hint);
        }
        request.post("/auth/revoke").then().statusCode(200).header("Cache-Control", "no-store");
    }

    @Test
    void shouldRevokeRefreshTokenAndItsSession() {
        Tokens login = TestSessions.newAccount("user").login();
        Tokens live = refreshed(login.refreshToken());

        revoke(live.refreshToken(), "refresh_token");

        refresh(live.refreshToken()).then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().oauth2(live.accessToken()).get("/api/claims").then()
                .statusCode(401).body("error_description", equalTo("The token has been revoked."));
        assertEquals(401, claimsStatus(login.accessToken()));
    }

    @Test
    void shouldRevokeAccessTokenAloneEvenWithWrongHint() {
        Tokens login = TestSessions.newAccount("user").login();

        revoke(login.accessToken(), "refresh_token");

        given().auth().oauth2(login.accessToken()).get("/api/claims").then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"))
                .body("error_description", equalTo("The token has been revoked."));
        // only that access token: the session goes on
        Tokens next = refreshed(login.refreshToken());
        assertEquals(200, claimsStatus(next.accessToken()));
    }

    @Test
    void shouldAnswer200ForGarbageUnknownAndExpiredTokens() {
        revoke("garbage", null);
        revoke("a.b.c", "access_token");
        revoke("x".repeat(4000), "refresh_token");
        Instant past = Instant.now().minusSeconds(600);
        revoke(TestTokens.sign(keys, TestTokens.validClaims("user").issuedAt(past).expiresAt(past.plusSeconds(60))), null);
        revoke(TestTokens.signWithForeignKey(TestTokens.validClaims("user"), "foreign"), null);
    }

    @Test
    void shouldAnswer200TwiceForTheSameToken() {
        Tokens login = TestSessions.newAccount("user").login();
        revoke(login.refreshToken(), null);
        revoke(login.refreshToken(), null);
        revoke(login.accessToken(), null);
    }

    @Test
    void shouldRequireTokenParameter() {
        given().formParam("token_type_hint", "access_token").post("/auth/revoke").then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("The parameter 'token' is required."));
    }

    @Test
    void shouldHonourSessionRevocationWrittenByAnotherReplicaWithinFiveSeconds() {
        Tokens login = TestSessions.newAccount("user").login();
        UUID sid = UUID.fromString(JsonPath.from(TestTokens.decodePart(login.accessToken(), 1)).getString("sid"));
        assertEquals(200, claimsStatus(login.accessToken()));

        // straight into the shared database, as another replica would: this instance learns of it only by polling
        QuarkusTransaction.requiringNew().run(() -> db.update("UPDATE sessions SET revoked_at = CURRENT_TIMESTAMP, "
                + "revoke_reason = 'other-replica' WHERE id = ?", sid));

        assertRefusedWithinBound(login.accessToken());
    }

    @Test
    void shouldHonourAccessTokenRevocationWrittenByAnotherReplicaWithinFiveSeconds() {
        Tokens login = TestSessions.newAccount("user").login();
        JsonPath claims = JsonPath.from(TestTokens.decodePart(login.accessToken(), 1));
        Instant expiresAt = Instant.ofEpochSecond(claims.getLong("exp"));

        QuarkusTransaction.requiringNew().run(() -> db.update(
                "INSERT INTO revoked_access_tokens (id, jti, expires_at) VALUES (?, ?, ?)",
                UUID.randomUUID(), claims.getString("jti"), expiresAt));

        assertRefusedWithinBound(login.accessToken());
        assertEquals(200, claimsStatus(refreshed(login.refreshToken()).accessToken()));
    }

    private static void assertRefusedWithinBound(String accessToken) {
        long start = System.nanoTime();
        // polled a second past the bound: a late refusal is then reported with its time, not as a timeout
        int status = await().atMost(Duration.ofMillis(BOUND_MILLIS + 2_000)).pollDelay(Duration.ZERO)
                .until(() -> claimsStatus(accessToken),
                        s -> s != 200 || (System.nanoTime() - start) / 1_000_000 > BOUND_MILLIS + 1_000);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertEquals(401, status, "the revocation was not honoured");
        assertTrue(elapsed <= BOUND_MILLIS, "honoured after " + elapsed + " ms");
        given().auth().oauth2(accessToken).get("/api/claims").then()
                .statusCode(401).body("error_description", equalTo("The token has been revoked."));
    }
}
