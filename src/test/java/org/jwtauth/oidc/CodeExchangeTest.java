package org.jwtauth.oidc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.testing.Browser;
import org.jwtauth.testing.SignIns;
import org.jwtauth.testing.SignIns.Attempt;
import org.jwtauth.testing.TestClock;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestSessions.Account;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The authorization code grant at the token endpoint, seen by an independent relying party (SPEC §11). */
@QuarkusTest
class CodeExchangeTest {

    private static final String ISSUER = "https://auth.test.example";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    private Account user;
    private String clientId;
    private Browser browser;

    @BeforeEach
    void signInSetUp() {
        user = TestSessions.newAccount("user", "reports");
        clientId = SignIns.publicClient();
        browser = new Browser();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldIssueTokensAndAnIdTokenThatTheNimbusRelyingPartyAccepts() throws Exception {
        Attempt attempt = SignIns.attempt(clientId, "openid user");
        Response page = browser.get(attempt.path());
        Response redirect = browser.signIn(page, user.username(), user.password());
        AuthenticationResponse parsed = AuthenticationResponseParser.parse(URI.create(redirect.header("Location")));
        assertTrue(parsed.indicatesSuccess(), redirect.header("Location"));
        assertEquals(attempt.state(), parsed.getState());
        assertEquals(ISSUER, parsed.toSuccessResponse().getIssuer().getValue(), "RFC 9207 iss");
        AuthorizationCode code = parsed.toSuccessResponse().getAuthorizationCode();

        TokenRequest request = new TokenRequest(base.toURI().resolve("/auth/token"), new ClientID(clientId),
                new AuthorizationCodeGrant(code, URI.create(SignIns.REDIRECT_URI), attempt.verifier()));
        HTTPResponse http = request.toHTTPRequest().send();
        assertEquals(200, http.getStatusCode(), http.getBody());
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(http).toSuccessResponse();
        JWT idToken = tokens.getOIDCTokens().getIDToken();

        IDTokenValidator validator = new IDTokenValidator(new Issuer(ISSUER), new ClientID(clientId), JWSAlgorithm.RS256,
                base.toURI().resolve("/.well-known/jwks.json").toURL());
        IDTokenClaimsSet claims = validator.validate(idToken, attempt.nonce());
        assertEquals(user.id(), claims.getSubject().getValue());
        assertEquals(user.username(), claims.getStringClaim("preferred_username"));
        assertNotNull(claims.getAuthenticationTime());
        assertNotNull(claims.getStringClaim("sid"));
        assertEquals("JWT", ((JWSObject) idToken).getHeader().getType().getType());
        assertNotNull(tokens.getOIDCTokens().getRefreshToken());
        assertEquals(List.of("openid", "user"), tokens.getOIDCTokens().getAccessToken().getScope().toStringList());
    }

    @Test
    void shouldBindTheAccessTokenToTheClientAndNeverAcceptTheIdTokenAsOne() throws Exception {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        Response tokens = SignIns.exchange(attempt, code).then().statusCode(200)
                .header("Cache-Control", "no-store").extract().response();
        String accessToken = tokens.path("access_token");
        Map<String, Object> claims = JWTParser.parse(accessToken).getJWTClaimsSet().getClaims();
        assertEquals(clientId, claims.get("client_id"));
        assertEquals("at+jwt", ((JWSObject) JWTParser.parse(accessToken)).getHeader().getType().getType());
        assertEquals(List.of("reports", "user"), claims.get("groups"), "no role scope asked: all of the user's roles");
        assertEquals(200, TestSessions.claimsStatus(accessToken));
        given().auth().oauth2((String) tokens.path("id_token")).get("/api/claims").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void shouldAnswerWithoutAnIdTokenWhenOpenidIsNotAsked() {
        Attempt attempt = SignIns.attempt(clientId, "user");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        SignIns.exchange(attempt, code).then().statusCode(200)
                .body("scope", equalTo("user"))
                .body("id_token", equalTo(null));
    }

    @Test
    void shouldRefuseAWrongVerifierAndUseTheCodeUp() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        Attempt other = SignIns.attempt(clientId, "openid");
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "authorization_code", "code", code, "client_id", clientId,
                        "redirect_uri", SignIns.REDIRECT_URI, "code_verifier", other.verifier().getValue()))
                .post("/auth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The code_verifier does not match the code_challenge."));
        SignIns.exchange(attempt, code).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void shouldRequireTheVerifierAndTheRedirectUri() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "authorization_code", "code", code, "client_id", clientId,
                        "redirect_uri", SignIns.REDIRECT_URI))
                .post("/auth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("The parameter 'code_verifier' is required."));
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "authorization_code", "code", code, "client_id", clientId,
                        "redirect_uri", "https://app.example/other", "code_verifier", attempt.verifier().getValue()))
                .post("/auth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void shouldRefuseTheCodeToAnotherClient() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        String thief = SignIns.publicClient();
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "authorization_code", "code", code, "client_id", thief,
                        "redirect_uri", SignIns.REDIRECT_URI, "code_verifier", attempt.verifier().getValue()))
                .post("/auth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void shouldRefuseACodeAfterSixtySeconds() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        clock.advance(Duration.ofSeconds(61));
        SignIns.exchange(attempt, code).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The authorization code is invalid, expired or already used."));
    }

    @Test
    void shouldRevokeWhatTheFirstUseProducedWhenACodeIsUsedAgain() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        Response first = SignIns.exchange(attempt, code).then().statusCode(200).extract().response();
        String accessToken = first.path("access_token");
        assertEquals(200, TestSessions.claimsStatus(accessToken));

        SignIns.exchange(attempt, code).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The authorization code was already used; the tokens it produced are revoked."));

        assertEquals(401, TestSessions.claimsStatus(accessToken));
        refresh(first.path("refresh_token"), clientId).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void shouldLetOnlyOneOfManyParallelRedemptionsSucceedAndThenRevokeIt() throws Exception {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Response>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(() -> SignIns.exchange(attempt, code));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : pool.invokeAll(racers)) {
            answers.add(answer.get());
        }
        pool.shutdown();
        List<Response> successes = answers.stream().filter(r -> r.statusCode() == 200).toList();
        assertEquals(1, successes.size(), "exactly one redemption wins");
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 400));
        assertEquals(401, TestSessions.claimsStatus(successes.get(0).path("access_token")),
                "the later uses revoked what the winner got");
    }

    @Test
    void shouldBindTheRefreshTokenToItsClient() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        String code = SignIns.signInForCode(browser, attempt, user.username(), user.password());
        String refreshToken = SignIns.exchange(attempt, code).then().statusCode(200).extract().path("refresh_token");
        refresh(refreshToken, SignIns.publicClient()).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token was issued to another client."));
        TestSessions.refresh(refreshToken).then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(refreshToken, clientId).then().statusCode(200)
                .body("access_token", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldRefuseAnUnknownCode() {
        Attempt attempt = SignIns.attempt(clientId, "openid");
        SignIns.exchange(attempt, "not-a-code").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    private static Response refresh(String refreshToken, String clientId) {
        return given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId))
                .post("/auth/token");
    }
}
