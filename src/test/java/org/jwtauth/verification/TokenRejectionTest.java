package org.jwtauth.verification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.jwtauth.testing.TestTokens.b64;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwtauth.keys.KeyService;
import org.jwtauth.keys.SigningKey;
import org.jwtauth.testing.TestClock;
import org.jwtauth.testing.TestTokens;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.jwtauth.testing.NoDatabase;

/** One test per rejection rule of SPEC §3: exact status, challenge and JSON body. */
@NoDatabase
@QuarkusTest
class TokenRejectionTest {

    @TestHTTPResource(value = "health/live", management = true)
    URL managementLive;

    private static final String PROTECTED = "/api/user";

    @Inject
    KeyService keys;

    private String validToken;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeEach
    void issueValidToken() {
        validToken = TestTokens.sign(keys, TestTokens.validClaims("user"));
    }

    private static ValidatableResponse callWith(String token) {
        return given().header("Authorization", "Bearer " + token).get(PROTECTED).then();
    }

    private static void assertRejected(String token, String reasonFragment) {
        callWith(token)
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer "))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .header("WWW-Authenticate", containsString("error_description=\""))
                .header("WWW-Authenticate", containsString(reasonFragment))
                .body("error", equalTo("invalid_token"))
                .body("error_description", containsString(reasonFragment));
    }

    @Test
    void shouldAcceptValidTokenWhenCallingUser() {
        callWith(validToken).statusCode(200).body("message", equalTo("user"));
    }

    @Test
    void shouldChallengeWithRealmWhenNoTokenIsSent() {
        given().get(PROTECTED).then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"jwt-auth-service\""))
                .body("error", equalTo("unauthorized"))
                .body("error_description", containsString("bearer token is required"));
    }

    @Test
    void shouldRejectGarbage() {
        assertRejected("this-is-not-a-jwt", "malformed");
    }

    @Test
    void shouldRejectEmptyBearerCredentials() {
        given().header("Authorization", "Bearer ").get(PROTECTED).then()
                .statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void shouldRejectNonCanonicalBase64InSignature() {
        String[] parts = validToken.split("\\.");
        String signature = parts[2];
        // 256 signature bytes leave 4 unused low bits in the last character: set one of them
        char last = signature.charAt(signature.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char altered = alphabet.charAt(alphabet.indexOf(last) | 1);
        String token = parts[0] + "." + parts[1] + "." + signature.substring(0, signature.length() - 1) + altered;
        assertRejected(token, "malformed");
    }

    @Test
    void shouldRejectPaddedBase64() {
        assertRejected(validToken + "=", "malformed");
    }

    @Test
    void shouldRejectStrayCharacters() {
        String[] parts = validToken.split("\\.");
        assertRejected(parts[0] + "." + parts[1] + "+." + parts[2], "malformed");
    }

    @Test
    void shouldRejectTamperedPayload() {
        String[] parts = validToken.split("\\.");
        String payload = TestTokens.decodePart(validToken, 1).replace("\"user\"", "\"admin\"");
        assertRejected(parts[0] + "." + b64(payload) + "." + parts[2], "signature");
    }

    @Test
    void shouldRejectForeignKeyUnderServiceKid() {
        String token = TestTokens.signWithForeignKey(TestTokens.validClaims("user"), keys.currentSigningKey().kid());
        assertRejected(token, "signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void shouldRejectAlgNoneInAnyCase(String alg) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.currentSigningKey().kid() + "\"}";
        String payload = TestTokens.decodePart(validToken, 1);
        assertRejected(b64(header) + "." + b64(payload) + ".", "algorithm");
        assertRejected(b64(header) + "." + b64(payload) + "." + validToken.split("\\.")[2], "algorithm");
    }

    @Test
    void shouldRejectHs256SignedWithThePublicKey() throws Exception {
        SigningKey key = keys.currentSigningKey();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.verificationKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        String header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + key.kid() + "\"}";
        String input = b64(header) + "." + b64(TestTokens.decodePart(validToken, 1));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pem.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        assertRejected(input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII))), "algorithm");
    }

    @Test
    void shouldRejectUnknownKid() {
        assertRejected(TestTokens.signWithForeignKey(TestTokens.validClaims("user"), "no-such-key"), "unknown key");
    }

    @Test
    void shouldRejectMissingKid() {
        String header = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}";
        assertRejected(TestTokens.signRaw(keys, header, TestTokens.decodePart(validToken, 1)), "kid");
    }

    @Test
    void shouldRejectExpiredToken() {
        Instant past = Instant.now().minusSeconds(600);
        String token = TestTokens.sign(keys, TestTokens.validClaims("user").issuedAt(past).expiresAt(past.plusSeconds(60)));
        assertRejected(token, "expired");
    }

    @Test
    void shouldRejectATokenAcceptedEarlierOnceItExpires() {
        Instant now = clock.instant();
        String token = TestTokens.sign(keys, TestTokens.validClaims("user").issuedAt(now).expiresAt(now.plusSeconds(2)));
        callWith(token).statusCode(200);
        callWith(token).statusCode(200);
        clock.advance(Duration.ofMillis(2_500));
        assertRejected(token, "expired");
    }

    @Test
    void shouldRejectNotBeforeInTheFuture() {
        String token = TestTokens.sign(keys, TestTokens.validClaims("user").claim("nbf", Instant.now().plusSeconds(300).getEpochSecond()));
        assertRejected(token, "not yet valid");
    }

    @Test
    void shouldAcceptNotBeforeWithinLeeway() {
        String token = TestTokens.sign(keys, TestTokens.validClaims("user").claim("nbf", Instant.now().plusSeconds(5).getEpochSecond()));
        callWith(token).statusCode(200);
    }

    @Test
    void shouldRejectIssuedAtInTheFuture() {
        Instant future = Instant.now().plusSeconds(300);
        String token = TestTokens.sign(keys, TestTokens.validClaims("user").issuedAt(future).expiresAt(future.plusSeconds(300)));
        assertRejected(token, "issued in the future");
    }

    @Test
    void shouldRejectMissingExp() {
        long now = Instant.now().getEpochSecond();
        String payload = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.ISSUER
                + "\",\"sub\":\"x\",\"groups\":[\"user\"],\"iat\":" + now + "}";
        assertRejected(TestTokens.signRaw(keys, TestTokens.header(keys, "at+jwt"), payload), "no expiry");
    }

    @Test
    void shouldRejectMissingIat() {
        long now = Instant.now().getEpochSecond();
        String payload = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.ISSUER
                + "\",\"sub\":\"x\",\"groups\":[\"user\"],\"exp\":" + (now + 300) + "}";
        assertRejected(TestTokens.signRaw(keys, TestTokens.header(keys, "at+jwt"), payload), "issue time");
    }

    @Test
    void shouldRejectWrongIssuer() {
        assertRejected(TestTokens.sign(keys, TestTokens.validClaims("user").issuer("https://evil.example")), "wrong issuer");
    }

    @Test
    void shouldRejectWrongAudience() {
        assertRejected(TestTokens.sign(keys, TestTokens.validClaims("user").audience("another-service")), "wrong audience");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "id+jwt", "refresh+jwt"})
    void shouldRejectWrongType(String typ) {
        assertRejected(TestTokens.sign(keys, TestTokens.validClaims("user"), h -> h.type(typ)), "wrong type");
    }

    @Test
    void shouldRejectMissingType() {
        String header = "{\"alg\":\"RS256\",\"kid\":\"" + keys.currentSigningKey().kid() + "\"}";
        assertRejected(TestTokens.signRaw(keys, header, TestTokens.decodePart(validToken, 1)), "wrong type");
    }

    @Test
    void shouldRejectTokenOverEightKiB() {
        String token = TestTokens.sign(keys, TestTokens.validClaims("user").claim("padding", "x".repeat(9000)));
        assertRejected(token, "too large");
    }

    @Test
    void shouldForbidValidTokenWithoutTheRole() {
        given().auth().oauth2(TestTokens.sign(keys, TestTokens.validClaims("user"))).get("/api/admin").then()
                .statusCode(403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .body("error", equalTo("insufficient_scope"))
                .body("error_description", containsString("role"));
    }

    @Test
    void shouldAcceptLowerCaseBearerScheme() {
        given().header("Authorization", "bearer " + validToken).get(PROTECTED).then().statusCode(200);
        given().header("Authorization", "BEARER " + validToken).get(PROTECTED).then().statusCode(200);
    }

    @Test
    void shouldRefuseTwoAuthorizationHeaders() {
        given().header("Authorization", "Bearer " + validToken)
                .header("Authorization", "Bearer " + TestUsers.adminToken())
                .get("/api/admin").then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldIgnoreTokenInQueryStringAndCookie() {
        given().queryParam("access_token", validToken).cookie("Bearer", validToken).get(PROTECTED).then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"jwt-auth-service\""));
    }

    @Test
    void shouldIgnoreBadTokenOnPublicEndpoint() {
        given().header("Authorization", "Bearer garbage").get("/api/public").then().statusCode(200);
        given().header("Authorization", "Bearer garbage").get("/.well-known/jwks.json").then().statusCode(200);
        given().header("Authorization", "Bearer garbage").get(managementLive).then().statusCode(200);
    }
}
