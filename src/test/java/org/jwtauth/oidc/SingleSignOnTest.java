package org.jwtauth.oidc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.testing.Browser;
import org.jwtauth.testing.SignIns;
import org.jwtauth.testing.SignIns.Attempt;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Single sign-on through the browser session, RP-initiated logout and the UserInfo endpoint (SPEC §11). */
@QuarkusTest
class SingleSignOnTest {

    private static final String APP_B = "https://b.example/callback";

    private Account user;
    private String appA;
    private String appB;
    private Browser browser;

    @BeforeEach
    void setUp() {
        user = TestSessions.newAccount("user");
        appA = SignIns.publicClient();
        appB = SignIns.publicClient(APP_B);
        browser = new Browser();
    }

    /** Signs in to app A through the page; answers A's tokens. */
    private Response signInToA() {
        Attempt attempt = SignIns.attempt(appA, "openid user");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        return SignIns.exchange(attempt, code).then().statusCode(200).extract().response();
    }

    @Test
    void shouldSignInToASecondAppWithoutTheForm() {
        signInToA();
        Attempt attempt = SignIns.attempt(appB, "openid", APP_B);
        Response redirect = browser.get(attempt.path());
        assertEquals(302, redirect.statusCode(), redirect.asString());
        String code = SignIns.redirectParameters(redirect, APP_B).get("code");
        SignIns.exchange(attempt, code).then().statusCode(200).body("id_token", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldAnswerPromptNoneFromTheSession() {
        signInToA();
        Attempt attempt = SignIns.attempt(appB, "openid", APP_B);
        Response redirect = browser.get(attempt.path() + "&prompt=none");
        assertEquals(302, redirect.statusCode());
        assertEquals(null, SignIns.redirectParameters(redirect, APP_B).get("error"));
    }

    @Test
    void shouldShowTheFormAgainForPromptLogin() {
        signInToA();
        Attempt attempt = SignIns.attempt(appB, "openid", APP_B);
        browser.get(attempt.path() + "&prompt=login").then().statusCode(200).body(containsString("id=\"password\""));
        browser.get(attempt.path() + "&max_age=0").then().statusCode(200).body(containsString("id=\"password\""));
    }

    @Test
    void shouldNotShareTheSessionWithAnotherBrowser() {
        signInToA();
        new Browser().get(SignIns.attempt(appB, "openid", APP_B).path()).then().statusCode(200)
                .body(containsString("id=\"password\""));
    }

    @Test
    void shouldEndTheBrowserSessionAndItsTokensOnEndSession() {
        Response tokens = signInToA();
        String accessToken = tokens.path("access_token");
        String idToken = tokens.path("id_token");
        Response out = browser.get("/auth/end-session?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + URLEncoder.encode(SignIns.REDIRECT_URI, StandardCharsets.UTF_8) + "&state=bye");
        assertEquals(303, out.statusCode(), out.asString());
        assertEquals(SignIns.REDIRECT_URI + "?state=bye", out.header("Location"));
        assertNull(browser.cookie("auth_session"), "the cookie is cleared");

        assertEquals(401, TestSessions.claimsStatus(accessToken));
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "refresh_token", "refresh_token", tokens.path("refresh_token"), "client_id", appA))
                .post("/auth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void shouldEndTheSessionEvenWhenTheBrowserKeepsItsCookie() {
        Response tokens = signInToA();
        String cookie = browser.cookie("auth_session");
        browser.get("/auth/end-session?id_token_hint=" + tokens.path("id_token")).then().statusCode(200)
                .body(containsString("You are signed out."));
        Map<String, String> stolen = Map.of("auth_session", cookie);
        given().redirects().follow(false).cookies(stolen)
                .urlEncodingEnabled(false).get(SignIns.attempt(appB, "openid", APP_B).path() + "&prompt=none")
                .then().statusCode(302)
                .header("Location", containsString("error=login_required"));
    }

    @Test
    void shouldAskBeforeEndingTheSessionWithoutAnIdTokenHint() {
        signInToA();
        Response confirm = browser.get("/auth/end-session");
        confirm.then().statusCode(200).body(containsString("Sign out?"));
        assertEquals(302, browser.get(SignIns.attempt(appB, "openid", APP_B).path()).statusCode(), "not yet signed out");
        Map<String, String> form = Browser.hiddenFields(confirm.asString());
        browser.post("/auth/end-session", form).then().statusCode(200).body(containsString("You are signed out."));
        assertEquals(200, browser.get(SignIns.attempt(appB, "openid", APP_B).path()).statusCode(), "the form again");
    }

    @Test
    void shouldRefuseAnUnregisteredPostLogoutRedirectUri() {
        Response tokens = signInToA();
        browser.get("/auth/end-session?id_token_hint=" + tokens.path("id_token") + "&post_logout_redirect_uri="
                + URLEncoder.encode("https://evil.example/", StandardCharsets.UTF_8))
                .then().statusCode(400)
                .header("Location", nullValue());
        browser.get("/auth/end-session?id_token_hint=not.a.token").then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void shouldEndTheBrowserSessionWhenTheUserIsDisabled() {
        Response tokens = signInToA();
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .patch("/admin/users/" + user.id())
                .then().statusCode(200);
        assertEquals(401, TestSessions.claimsStatus(tokens.path("access_token")));
        browser.get(SignIns.attempt(appB, "openid", APP_B).path() + "&prompt=none").then().statusCode(302)
                .header("Location", containsString("error=login_required"));
    }

    @Test
    void shouldEndTheBrowserSessionOnLogoutEverywhere() {
        Response tokens = signInToA();
        given().auth().oauth2((String) tokens.path("access_token")).post("/auth/logout-all").then().statusCode(204);
        browser.get(SignIns.attempt(appB, "openid", APP_B).path() + "&prompt=none").then().statusCode(302)
                .header("Location", containsString("error=login_required"));
    }

    @Test
    void shouldAuditSignInsCodeExchangesAndSignOuts() {
        Response tokens = signInToA();
        Attempt second = SignIns.attempt(appB, "openid", APP_B);
        String code = SignIns.redirectParameters(browser.get(second.path()), APP_B).get("code");
        SignIns.exchange(second, code).then().statusCode(200);
        SignIns.exchange(second, code).then().statusCode(400);
        browser.get("/auth/end-session?id_token_hint=" + tokens.path("id_token")).then().statusCode(200);

        List<Map<String, Object>> events = given().auth().oauth2(TestUsers.adminToken())
                .queryParam("user", user.username()).queryParam("size", 200).get("/admin/audit")
                .then().statusCode(200).extract().path("items");
        List<String> types = events.stream().map(e -> (String) e.get("type")).toList();
        for (String type : List.of("LOGIN_SUCCESS", "SIGN_IN", "AUTHORIZATION_CODE_EXCHANGED", "SIGNED_OUT")) {
            assertEquals(true, types.contains(type), type + " in " + types);
        }
        List<Map<String, Object>> signIns = events.stream().filter(e -> "SIGN_IN".equals(e.get("type"))).toList();
        assertEquals(2, signIns.size(), "by password for A, by the browser session for B");
        String reuses = given().auth().oauth2(TestUsers.adminToken()).queryParam("type", "AUTHORIZATION_CODE_REUSED")
                .queryParam("size", 200).get("/admin/audit").then().statusCode(200).extract().asString();
        assertEquals(true, reuses.contains(appB), reuses);
        assertEquals(false, reuses.contains(code), "never a code in the audit");
    }

    @Test
    void shouldAnswerUserInfoByGetAndPost() {
        String accessToken = signInToA().path("access_token");
        given().auth().oauth2(accessToken).get("/auth/userinfo").then().statusCode(200)
                .body("sub", equalTo(user.id()))
                .body("preferred_username", equalTo(user.username()))
                .body("groups", equalTo(List.of("user")));
        given().auth().oauth2(accessToken).post("/auth/userinfo").then().statusCode(200).body("sub", equalTo(user.id()));
        given().get("/auth/userinfo").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }
}
