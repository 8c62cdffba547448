package org.jwtauth.oidc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;
import org.jwtauth.testing.Browser;
import org.jwtauth.testing.SignIns;
import org.jwtauth.testing.SignIns.Attempt;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code /auth/authorize}: the sign-in page and every way an authorization request is refused (SPEC §11). */
@NoDatabase
@QuarkusTest
class AuthorizationEndpointTest {

    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private Account user;
    private String clientId;
    private Browser browser;

    @BeforeEach
    void setUp() {
        user = TestSessions.newAccount("user");
        clientId = SignIns.publicClient();
        browser = new Browser();
    }

    private String query(String... pairs) {
        StringBuilder query = new StringBuilder("/auth/authorize?");
        for (int i = 0; i < pairs.length; i += 2) {
            query.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8)).append('&');
        }
        return query.substring(0, query.length() - 1);
    }

    private String validQueryWith(String... overrides) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>(Map.of("response_type", "code", "client_id", clientId,
                "redirect_uri", SignIns.REDIRECT_URI, "scope", "openid", "state", "s-123",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                parameters.remove(overrides[i]);
            } else {
                parameters.put(overrides[i], overrides[i + 1]);
            }
        }
        return query(parameters.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new));
    }

    private static Map<String, String> errorRedirect(Response response) {
        assertEquals(302, response.statusCode(), response.asString());
        return SignIns.redirectParameters(response, SignIns.REDIRECT_URI);
    }

    @Test
    void shouldShowAStrictSelfContainedSignInPage() {
        Response page = browser.get(SignIns.attempt(clientId, "openid").path());
        page.then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", containsString("no-store"))
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("form-action 'self' https://app.example"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .body(containsString("<input id=\"username\""))
                .body(containsString("autocomplete=\"current-password\""))
                .body(containsString("name=\"viewport\""))
                .body(not(containsString("<script")))
                .body(not(containsString("http://")));
        assertNotNull(browser.cookie("auth_csrf"), "CSRF cookie set");
        String setCookie = page.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/auth"),
                setCookie);
        assertTrue(Browser.hiddenFields(page.asString()).containsKey("csrf"));
    }

    @Test
    void shouldEscapeWhatTheRequestEchoesIntoThePage() {
        Response page = browser.get(validQueryWith("state", "\"><script>alert(1)</script>"));
        page.then().statusCode(200).body(not(containsString("<script>")));
        assertEquals("\"><script>alert(1)</script>", Browser.hiddenFields(page.asString()).get("state"));
    }

    @Test
    void shouldRedirectWithACodeAndTheStateAfterTheRightPassword() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        Response redirect = browser.signIn(browser.get(attempt.path()), user.username(), user.password());
        assertEquals(303, redirect.statusCode());
        Map<String, String> back = SignIns.redirectParameters(redirect, SignIns.REDIRECT_URI);
        assertEquals(attempt.state().getValue(), back.get("state"));
        assertTrue(back.get("code").length() >= 43, "at least 256 bits");
        String session = redirect.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("auth_session="))
                .findFirst().orElseThrow();
        assertTrue(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Secure")
                && session.contains("Path=/auth"), session);
    }

    @Test
    void shouldShowAnErrorPageAndNeverRedirectToAnUnregisteredUri() {
        Response response = browser.get(validQueryWith("redirect_uri", "https://evil.example/callback"));
        response.then().statusCode(400)
                .header("Location", nullValue())
                .contentType(containsString("text/html"))
                .body(containsString("The redirect_uri is not registered for this client."));
        browser.get(validQueryWith("redirect_uri", SignIns.REDIRECT_URI + "/")).then().statusCode(400)
                .header("Location", nullValue());
        browser.get(validQueryWith("redirect_uri", null)).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void shouldShowAnErrorPageForAnUnknownClient() {
        browser.get(validQueryWith("client_id", "no-such-client")).then().statusCode(400)
                .header("Location", nullValue())
                .body(containsString("There is no such client."));
        browser.get(validQueryWith("client_id", null)).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void shouldRefuseTheImplicitFlow() {
        Map<String, String> error = errorRedirect(browser.get(validQueryWith("response_type", "token")));
        assertEquals("unsupported_response_type", error.get("error"));
        assertEquals("s-123", error.get("state"));
        assertNotNull(error.get("error_description"));
        assertEquals("https://auth.test.example", error.get("iss"));
    }

    @Test
    void shouldRequirePkceWithS256() {
        Map<String, String> missing = errorRedirect(browser.get(validQueryWith("code_challenge", null)));
        assertEquals("invalid_request", missing.get("error"));
        assertEquals("PKCE is required: send code_challenge with code_challenge_method=S256.", missing.get("error_description"));
        Map<String, String> plain = errorRedirect(browser.get(validQueryWith("code_challenge_method", "plain")));
        assertEquals("invalid_request", plain.get("error"));
        assertEquals("Only code_challenge_method=S256 is supported; plain is refused.", plain.get("error_description"));
        Map<String, String> noMethod = errorRedirect(browser.get(validQueryWith("code_challenge_method", null)));
        assertEquals("invalid_request", noMethod.get("error"));
        Map<String, String> malformed = errorRedirect(browser.get(validQueryWith("code_challenge", "short")));
        assertEquals("invalid_request", malformed.get("error"));
    }

    @Test
    void shouldRefuseARepeatedParameter() {
        Map<String, String> error = errorRedirect(browser.get(validQueryWith() + "&scope=admin"));
        assertEquals("invalid_request", error.get("error"));
        assertEquals("The parameter 'scope' is repeated.", error.get("error_description"));
    }

    @Test
    void shouldRedirectInvalidScopeWhenTheUserLacksTheRole() {
        Attempt attempt = SignIns.attempt(clientId, "openid admin");
        Response redirect = browser.signIn(browser.get(attempt.path()), user.username(), user.password());
        assertEquals(303, redirect.statusCode());
        Map<String, String> error = SignIns.redirectParameters(redirect, SignIns.REDIRECT_URI);
        assertEquals("invalid_scope", error.get("error"));
        assertEquals(attempt.state().getValue(), error.get("state"));
        assertFalse(error.containsKey("code"));
    }

    @Test
    void shouldRefuseAFormWithoutItsCsrfField() {
        Response page = browser.get(SignIns.attempt(clientId, "openid").path());
        Map<String, String> form = Browser.hiddenFields(page.asString());
        form.remove("csrf");
        form.put("username", user.username());
        form.put("password", user.password());
        browser.post("/auth/authorize", form).then().statusCode(403)
                .header("Location", nullValue())
                .body(containsString("The sign-in form expired. Please sign in again."));
        form.put("csrf", "forged");
        browser.post("/auth/authorize", form).then().statusCode(403).header("Location", nullValue());
        Browser other = new Browser(); // a cross-site post carries the field but not the victim's cookie
        form.put("csrf", Browser.hiddenFields(page.asString()).get("csrf"));
        other.post("/auth/authorize", form).then().statusCode(403).header("Location", nullValue());
    }

    @Test
    void shouldAnswerAWrongPasswordAndAnUnknownUserAlike() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        Response wrong = browser.signIn(browser.get(attempt.path()), user.username(), "Wrong-password-1234567");
        Response unknown = browser.signIn(browser.get(attempt.path()), "nobody-" + user.username(), "Wrong-password-1234567");
        for (Response response : new Response[] {wrong, unknown}) {
            response.then().statusCode(401)
                    .header("Location", nullValue())
                    .body(containsString("<p id=\"error\" class=\"error\" role=\"alert\">Invalid username or password.</p>"));
        }
    }

    @Test
    void shouldLockTheUsernameOnThePageAsOnTheApi() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        for (int i = 0; i < 5; i++) {
            browser.signIn(browser.get(attempt.path()), user.username(), "Wrong-password-1234567").then().statusCode(401);
        }
        Response locked = browser.signIn(browser.get(attempt.path()), user.username(), user.password());
        locked.then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[0-9]+"))
                .header("Location", nullValue())
                .body(containsString("Too many failed sign-ins."));
        org.jwtauth.testing.Logins.login(user.username(), user.password(), browser.address()).then().statusCode(429);
    }

    @Test
    void shouldAnswerLoginRequiredForPromptNoneWithoutASession() {
        Map<String, String> error = errorRedirect(browser.get(validQueryWith("prompt", "none")));
        assertEquals("login_required", error.get("error"));
        assertEquals("s-123", error.get("state"));
    }

    @Test
    void shouldNotRedirectFromTheFormWhenParametersWereTamperedWith() {
        Response page = browser.get(SignIns.attempt(clientId, "openid").path());
        Map<String, String> form = Browser.hiddenFields(page.asString());
        form.put("redirect_uri", "https://evil.example/callback");
        form.put("username", user.username());
        form.put("password", user.password());
        browser.post("/auth/authorize", form).then().statusCode(400).header("Location", nullValue());
    }
}
