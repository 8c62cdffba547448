package org.jwtauth.sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jwtauth.testing.TestSessions.claimsStatus;
import static org.jwtauth.testing.TestSessions.refresh;
import static org.jwtauth.testing.TestSessions.refreshed;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.common.persistence.Database;
import org.jwtauth.testing.TestClock;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Tokens;
import org.jwtauth.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** What time does to sessions: reuse after the grace window, expired refresh tokens, and the purge. */
@QuarkusTest
@TestProfile(ShortLifetimesProfile.class)
class SessionExpiryTest {

    @Inject
    Database db;

    @Inject
    SessionHousekeeping housekeeping;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldRevokeSessionWhenPredecessorIsReusedAfterGraceWindow() {
        Tokens login = TestSessions.newAccount("user").login();
        Tokens live = refreshed(login.refreshToken());
        passTime(ShortLifetimesProfile.GRACE_MILLIS + 500);

        refresh(login.refreshToken()).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token was already used; the session has been revoked."));

        refresh(live.refreshToken()).then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().oauth2(live.accessToken()).get("/api/claims").then()
                .statusCode(401).body("error_description", equalTo("The token has been revoked."));
    }

    @Test
    void shouldRefuseAndReportExpiredRefreshTokenThenPurgeItsSession() {
        List<String> introspector = TestSessions.newClient("introspect");
        Tokens login = TestSessions.newAccount("user").login();
        UUID sid = UUID.fromString(JsonPath.from(TestTokens.decodePart(login.accessToken(), 1)).getString("sid"));
        assertEquals(1, rows("sessions", "id", sid));
        passTime(ShortLifetimesProfile.REFRESH_LIFETIME_MILLIS + 500);

        given().auth().preemptive().basic(introspector.get(0), introspector.get(1))
                .formParam("token", login.refreshToken())
                .post("/auth/introspect")
                .then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
        refresh(login.refreshToken()).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token is invalid, expired or revoked."));
        // the access token lives on its own lifetime: an expired session is not a revoked one
        assertEquals(200, claimsStatus(login.accessToken()));

        housekeeping.purge();

        assertEquals(0, rows("sessions", "id", sid));
    }

    @Test
    void shouldKeepRevokedSessionUntilItsAccessTokensHaveExpired() {
        Tokens login = TestSessions.newAccount("user").login();
        UUID sid = UUID.fromString(JsonPath.from(TestTokens.decodePart(login.accessToken(), 1)).getString("sid"));
        given().auth().oauth2(login.accessToken()).post("/auth/logout").then().statusCode(204);

        housekeeping.purge();

        // other replicas learn of the revocation from this row while its access tokens may still be used
        assertEquals(1, rows("sessions", "id", sid));
        assertEquals(401, claimsStatus(login.accessToken()));
    }

    @Test
    void shouldWipeTheRetryCopyOfTheRefreshTokenAfterTheGraceWindow() {
        Tokens login = TestSessions.newAccount("user").login();
        UUID sid = UUID.fromString(JsonPath.from(TestTokens.decodePart(login.accessToken(), 1)).getString("sid"));
        Tokens live = refreshed(login.refreshToken());
        assertEquals(1, sealedCopies(sid), "kept encrypted during the window, for retries");
        passTime(ShortLifetimesProfile.GRACE_MILLIS + 500);

        housekeeping.wipeRetrySecrets();

        assertEquals(0, sealedCopies(sid));
        assertEquals(200, claimsStatus(refreshed(live.refreshToken()).accessToken()));
    }

    private long sealedCopies(UUID sid) {
        return QuarkusTransaction.requiringNew().call(() -> db.count(
                "SELECT COUNT(*) FROM sessions WHERE id = ? AND current_sealed IS NOT NULL", sid));
    }

    private long rows(String table, String column, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> db.count(
                "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", id));
    }

    private void passTime(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }
}
