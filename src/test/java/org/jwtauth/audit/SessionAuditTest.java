package org.jwtauth.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;
import org.jwtauth.testing.TestSessions.Tokens;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** SPEC §6: refreshes, reuse detections, revocations, logouts and key rotations reach the audit trail. */
@QuarkusTest
class SessionAuditTest {

    private static ValidatableResponse events(String username, String type) {
        return given().auth().oauth2(TestUsers.adminToken())
                .queryParam("user", username).queryParam("type", type)
                .get("/admin/audit").then().statusCode(200);
    }

    @Test
    void shouldAuditRefreshAndReuseDetection() {
        Account account = TestSessions.newAccount("user");
        Tokens first = account.login();
        Tokens second = TestSessions.refreshed(first.refreshToken());
        TestSessions.refreshed(second.refreshToken());
        // the first token is two rotations old: theft, whatever the grace window
        TestSessions.refresh(first.refreshToken()).then().statusCode(400).body("error", equalTo("invalid_grant"));

        events(account.username(), "token_refreshed")
                .body("total", equalTo(2))
                .body("items[0].user_id", equalTo(account.id()))
                .body("items[0].details.session_id", notNullValue());
        events(account.username(), "refresh_token_reused")
                .body("total", equalTo(1))
                .body("items[0].user_id", equalTo(account.id()))
                .body("items[0].details.session_id", notNullValue())
                .body("items[0].details.toString()", not(org.hamcrest.Matchers.containsString(first.refreshToken())));
    }

    @Test
    void shouldAuditRevocationOfAnAccessToken() {
        Account account = TestSessions.newAccount("user");
        Tokens tokens = account.login();
        given().contentType(ContentType.URLENC).formParam("token", tokens.accessToken()).post("/auth/revoke")
                .then().statusCode(200);
        events(account.username(), "token_revoked")
                .body("total", equalTo(1))
                .body("items[0].details.kind", equalTo("access_token"))
                .body("items[0].details.jti", notNullValue());
    }

    @Test
    void shouldAuditLogoutAndLogoutEverywhere() {
        Account account = TestSessions.newAccount("user");
        given().auth().oauth2(account.login().accessToken()).post("/auth/logout").then().statusCode(204);
        given().auth().oauth2(account.login().accessToken()).post("/auth/logout-all").then().statusCode(204);
        events(account.username(), "logout").body("total", equalTo(1)).body("items[0].user_id", equalTo(account.id()));
        events(account.username(), "logout_all").body("total", equalTo(1));
    }

    @Test
    void shouldAuditAdminLogoutWithTheActor() {
        Account account = TestSessions.newAccount("user");
        given().auth().oauth2(TestUsers.adminToken()).post("/admin/users/" + account.id() + "/logout")
                .then().statusCode(204);
        events(account.username(), "logout_all")
                .body("total", equalTo(1))
                .body("items[0].details.actor", equalTo("admin"));
    }

    @Test
    void shouldAuditKeyRotationOnRequest() {
        given().auth().oauth2(TestUsers.adminToken()).post("/admin/keys/rotate").then().statusCode(200);
        given().auth().oauth2(TestUsers.adminToken()).queryParam("type", "key_rotated").get("/admin/audit").then()
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(1))
                .body("items.details.current_kid", hasItem(notNullValue()))
                .body("items.details.actor", hasItem("admin"));
    }
}
