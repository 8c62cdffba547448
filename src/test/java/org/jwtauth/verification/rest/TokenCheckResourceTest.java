package org.jwtauth.verification.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.jwtauth.testing.TestTokens.b64;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.keys.KeyService;
import org.jwtauth.testing.NoDatabase;
import org.jwtauth.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** POST /tokens/check: the verifier's verdict on a pasted token, for signed-in callers, never echoing it. */
@NoDatabase
@QuarkusTest
class TokenCheckResourceTest {

    private static final String PATH = "/tokens/check";

    @Inject
    KeyService keys;

    private String caller;

    @BeforeEach
    void signIn() {
        caller = TestTokens.sign(keys, TestTokens.validClaims("user"));
    }

    private ValidatableResponse check(String token) {
        return given().header("Authorization", "Bearer " + caller)
                .contentType(ContentType.URLENC)
                .formParam("token", token)
                .post(PATH).then();
    }

    private void assertRefused(String token, String reason, String description) {
        check(token).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("valid", equalTo(false))
                .body("reason", equalTo(reason))
                .body("description", equalTo(description))
                .body("kid", nullValue());
    }

    @Test
    void shouldAcceptAValidTokenWithoutEchoingIt() {
        String pasted = TestTokens.sign(keys, TestTokens.validClaims("admin"));
        String[] parts = pasted.split("\\.");
        check(pasted).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("valid", equalTo(true))
                .body("kid", equalTo(keys.currentSigningKey().kid()))
                .body("reason", nullValue())
                .body(not(containsString(parts[1])))
                .body(not(containsString(parts[2])));
    }

    @Test
    void shouldNameTheBadSignatureOfATamperedPayload() {
        String[] parts = TestTokens.sign(keys, TestTokens.validClaims("user")).split("\\.");
        String forged = parts[0] + "." + b64(TestTokens.decodePart(String.join(".", parts), 1)
                .replace("\"test-user\"", "\"mallory\"")) + "." + parts[2];
        assertRefused(forged, "signature", "The token's signature is invalid.");
    }

    @Test
    void shouldNameAnExpiredToken() {
        Instant past = Instant.now().minusSeconds(600);
        String expired = TestTokens.sign(keys, TestTokens.validClaims("user").issuedAt(past).expiresAt(past.plusSeconds(60)));
        assertRefused(expired, "expired", "The token has expired.");
    }

    @Test
    void shouldNameTheWrongIssuer() {
        String foreign = TestTokens.sign(keys, TestTokens.validClaims("user").issuer("https://elsewhere.example"));
        assertRefused(foreign, "wrong_issuer", "The token has the wrong issuer.");
    }

    @Test
    void shouldNameAnUnknownKey() {
        assertRefused(TestTokens.signWithForeignKey(TestTokens.validClaims("user"), "someone-elses-key"),
                "unknown_key", "The token was signed by an unknown key.");
    }

    @Test
    void shouldNameAnIdTokenAsTheWrongType() {
        String idToken = TestTokens.sign(keys, TestTokens.validClaims("user"), h -> h.type("JWT"));
        assertRefused(idToken, "wrong_type", "The token is of the wrong type: an access token (typ at+jwt) is required.");
    }

    @Test
    void shouldNameGarbageAndEmptyInput() {
        assertRefused("not-a-token", "malformed", "The token is malformed: expected three dot-separated parts.");
        assertRefused("   ", "malformed", "The token is malformed: it is empty.");
    }

    @Test
    void shouldNameATooLargeToken() {
        assertRefused("a".repeat(9 * 1024), "too_large", "The token is too large.");
    }

    @Test
    void shouldIgnoreWhitespaceAroundAPastedToken() {
        check("\n  " + TestTokens.sign(keys, TestTokens.validClaims("user")) + "  \n").statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void shouldRefuseARequestWithoutTheTokenField() {
        given().header("Authorization", "Bearer " + caller).contentType(ContentType.URLENC).formParam("other", "x")
                .post(PATH).then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("The form field 'token' is required."));
    }

    @Test
    void shouldRequireASignedInCaller() {
        given().contentType(ContentType.URLENC).formParam("token", caller).post(PATH).then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer realm="))
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void shouldRefuseACallerWithARefusedToken() {
        given().header("Authorization", "Bearer not-a-token").contentType(ContentType.URLENC).formParam("token", caller)
                .post(PATH).then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"));
    }
}
