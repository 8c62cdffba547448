package org.jwtauth.sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jwtauth.testing.TestSessions.claimsStatus;
import static org.jwtauth.testing.TestSessions.refresh;
import static org.jwtauth.testing.TestSessions.refreshed;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;
import org.jwtauth.testing.TestSessions.Tokens;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Ending sessions (SPEC §5, §10): logout, logout-all, password change, disable, delete, admin logout. */
@QuarkusTest
class LogoutTest {

    private static void assertRevoked(String accessToken) {
        given().auth().oauth2(accessToken).get("/api/claims").then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"jwt-auth-service\", error=\"invalid_token\", "
                        + "error_description=\"The token has been revoked.\""))
                .body("error", equalTo("invalid_token"))
                .body("error_description", equalTo("The token has been revoked."));
    }

    private static void assertRefreshRefused(String refreshToken) {
        refresh(refreshToken).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token is invalid, expired or revoked."));
    }

    @Test
    void shouldEndOnlyTheCallersSessionOnLogout() {
        Account account = TestSessions.newAccount("user");
        Tokens phone = account.login();
        Tokens laptop = account.login();
        Tokens phoneRefreshed = refreshed(phone.refreshToken());

        given().auth().oauth2(phoneRefreshed.accessToken()).post("/auth/logout").then()
                .statusCode(204).body(emptyString());

        assertRevoked(phoneRefreshed.accessToken());
        assertRevoked(phone.accessToken());
        assertRefreshRefused(phoneRefreshed.refreshToken());
        assertEquals(200, claimsStatus(laptop.accessToken()));
        refreshed(laptop.refreshToken());
    }

    @Test
    void shouldRequireBearerTokenForLogout() {
        given().post("/auth/logout").then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"jwt-auth-service\""))
                .body("error", equalTo("unauthorized"));
        given().auth().oauth2("garbage").post("/auth/logout-all").then()
                .statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void shouldEndEverySessionOnLogoutAllAndAllowLoggingInAgainAtOnce() {
        Account account = TestSessions.newAccount("user");
        Tokens first = account.login();
        Tokens second = account.login();

        given().auth().oauth2(first.accessToken()).post("/auth/logout-all").then().statusCode(204);

        assertRevoked(first.accessToken());
        assertRevoked(second.accessToken());
        assertRefreshRefused(first.refreshToken());
        assertRefreshRefused(second.refreshToken());
        Tokens again = account.login();
        assertEquals(200, claimsStatus(again.accessToken()));
        refreshed(again.refreshToken());
    }

    @Test
    void shouldKeepOwnSessionAndEndOthersOnPasswordChange() {
        Account account = TestSessions.newAccount("user");
        Tokens own = account.login();
        Tokens other = account.login();
        String newPassword = TestUsers.strongPassword();

        given().auth().oauth2(own.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("current_password", account.password(), "new_password", newPassword))
                .put("/users/me/password")
                .then().statusCode(204);

        assertEquals(200, claimsStatus(own.accessToken()));
        refreshed(own.refreshToken());
        assertRevoked(other.accessToken());
        assertRefreshRefused(other.refreshToken());
    }

    @Test
    void shouldEndSessionsWhenUserIsDisabled() {
        Account account = TestSessions.newAccount("user");
        Tokens tokens = account.login();

        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .patch("/admin/users/" + account.id())
                .then().statusCode(200).body("enabled", equalTo(false));

        assertRevoked(tokens.accessToken());
        assertRefreshRefused(tokens.refreshToken());
    }

    @Test
    void shouldEndSessionsWhenUserIsDeleted() {
        Account account = TestSessions.newAccount("user");
        Tokens tokens = account.login();

        given().auth().oauth2(TestUsers.adminToken()).delete("/admin/users/" + account.id()).then().statusCode(204);

        assertRevoked(tokens.accessToken());
        assertRefreshRefused(tokens.refreshToken());
    }

    @Test
    void shouldEndSessionsOnAdminLogout() {
        Account account = TestSessions.newAccount("user");
        Tokens tokens = account.login();

        given().auth().oauth2(TestUsers.adminToken()).post("/admin/users/" + account.id() + "/logout").then()
                .statusCode(204);

        assertRevoked(tokens.accessToken());
        assertRefreshRefused(tokens.refreshToken());
        // the user is still enabled and may log in again
        assertEquals(200, claimsStatus(account.login().accessToken()));
    }

    @Test
    void shouldAnswer404ForAdminLogoutOfUnknownUser() {
        given().auth().oauth2(TestUsers.adminToken()).post("/admin/users/" + UUID.randomUUID() + "/logout").then()
                .statusCode(404)
                .body("error", equalTo("not_found"))
                .body("error_description", equalTo("User not found."));
    }

    @Test
    void shouldRefuseAdminLogoutWithoutAdminRole() {
        Account victim = TestSessions.newAccount("user");
        Tokens victimTokens = victim.login();
        String caller = TestSessions.newAccount("user").login().accessToken();

        given().auth().oauth2(caller).post("/admin/users/" + victim.id() + "/logout").then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        given().post("/admin/users/" + victim.id() + "/logout").then().statusCode(401);
        assertEquals(200, claimsStatus(victimTokens.accessToken()));
    }
}
