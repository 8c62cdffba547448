package org.jwtauth.sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwtauth.testing.TestSessions.claimsStatus;
import static org.jwtauth.testing.TestSessions.refresh;
import static org.jwtauth.testing.TestSessions.refreshed;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jwtauth.common.crypto.RandomTokens;
import org.jwtauth.common.persistence.Database;
import org.jwtauth.testing.TestClock;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;
import org.jwtauth.testing.TestSessions.Tokens;
import org.jwtauth.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Refresh tokens name their session and user under a MAC ({@link RefreshTokenFormat}): no row per
 * token, a forged name refused without touching the session it names, and tokens of the earlier
 * format (found by their stored hash) still refreshed, rotated into the current one, and their reuse
 * still detected.
 */
@QuarkusTest
class RefreshTokenFormatTest {

    private static final String INVALID = "The refresh token is invalid, expired or revoked.";
    private static final String REUSED = "The refresh token was already used; the session has been revoked.";

    @Inject
    Database db;

    @Inject
    RefreshTokenFormat format;

    @Inject
    TestClock clock;

    private static UUID sessionOf(Tokens tokens) {
        return UUID.fromString(JsonPath.from(TestTokens.decodePart(tokens.accessToken(), 1)).getString("sid"));
    }

    private long tokenRows(UUID sid) {
        return QuarkusTransaction.requiringNew().call(() -> db.query(
                "select count(*) from refresh_tokens where session_id = ?", rows -> rows.next() ? rows.getLong(1) : 0L, sid));
    }

    @Test
    void shouldIssueTokensThatNameTheirSessionAndKeepNoRowPerToken() {
        Account account = TestSessions.newAccount("user");
        Tokens login = account.login();
        UUID sid = sessionOf(login);
        Tokens first = refreshed(login.refreshToken());
        Tokens second = refreshed(first.refreshToken());

        for (Tokens tokens : List.of(login, first, second)) {
            assertEquals(RefreshTokenFormat.LENGTH, tokens.refreshToken().length());
            RefreshTokenFormat.Named named = format.read(tokens.refreshToken()).orElseThrow();
            assertEquals(sid, named.sessionId());
            assertEquals(UUID.fromString(account.id()), named.userId());
        }
        assertEquals(0, tokenRows(sid));
        assertEquals(200, claimsStatus(second.accessToken()));
    }

    @Test
    void shouldRefuseAForgedTokenNamingALiveSessionAndLeaveTheSessionAlone() {
        Tokens login = TestSessions.newAccount("user").login();
        byte[] bytes = Base64.getUrlDecoder().decode(login.refreshToken());
        bytes[40] ^= 1; // the random part: the session and user it names are the real ones, the MAC no longer fits
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertTrue(format.read(forged).isEmpty());

        refresh(forged).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo(INVALID));
        given().formParam("token", forged).post("/auth/revoke").then().statusCode(200);

        // not taken for the reuse of an old token: the session and its live token are untouched
        Tokens next = refreshed(login.refreshToken());
        assertEquals(200, claimsStatus(next.accessToken()));
        assertEquals(200, claimsStatus(login.accessToken()));
    }

    @Test
    void shouldReadNothingButItsOwnFormat() {
        String real = format.issue(UUID.randomUUID(), UUID.randomUUID());
        assertTrue(format.read(real).isPresent());
        assertTrue(format.read(RandomTokens.generate()).isEmpty(), "a token of the earlier format");
        assertTrue(format.read(real.substring(1)).isEmpty());
        assertTrue(format.read(real.substring(0, real.length() - 1) + "!").isEmpty());
        byte[] bytes = Base64.getUrlDecoder().decode(real);
        bytes[0] = 3;
        assertTrue(format.read(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).isEmpty(), "another version");
        assertTrue(format.read(null).isEmpty());
    }

    @Test
    void shouldRefreshATokenOfTheEarlierFormatIntoTheCurrentOneAndStillDetectItsReuse() {
        Tokens login = TestSessions.newAccount("user").login();
        UUID sid = sessionOf(login);
        String legacy = asEarlierFormat(sid);

        Tokens first = refreshed(legacy);
        assertEquals(RefreshTokenFormat.LENGTH, first.refreshToken().length());
        assertNotEquals(legacy, first.refreshToken());
        Tokens second = refreshed(first.refreshToken());
        assertEquals(200, claimsStatus(second.accessToken()));

        refresh(legacy).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo(REUSED));
        refresh(second.refreshToken()).then().statusCode(400).body("error_description", equalTo(INVALID));
        assertEquals(401, claimsStatus(second.accessToken()));
    }

    /** Gives the session a live token as versions before the current format issued them: random, found by its row. */
    private String asEarlierFormat(UUID sid) {
        String token = RandomTokens.generate();
        String hash = RandomTokens.sha256Hex(token);
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            db.update("update sessions set current_hash = ?, previous_hash = null, rotated_at = null,"
                    + " current_sealed = null where id = ?", hash, sid);
            db.update("insert into refresh_tokens (token_hash, session_id, issued_at, expires_at) values (?, ?, ?, ?)",
                    hash, sid, now, now.plus(Duration.ofDays(1)));
        });
        return token;
    }
}
