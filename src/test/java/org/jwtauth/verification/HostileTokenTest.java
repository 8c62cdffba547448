package org.jwtauth.verification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.jwtauth.testing.TestTokens.b64;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwtauth.keys.KeyService;
import org.jwtauth.keys.SigningKey;
import org.jwtauth.testing.TestTokens;
import org.jwtauth.testing.TestUsers;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.jwtauth.testing.NoDatabase;

/**
 * The security regression suite (SECURITY.md): hand-built hostile tokens, each refused with 401, the
 * RFC 6750 challenge and the JSON body, never a 5xx. Names follow RFC 8725 and the OWASP JWT cheat sheet.
 */
@NoDatabase
@QuarkusTest
class HostileTokenTest {

    private static final String PROTECTED = "/api/user";

    @Inject
    KeyService keys;

    private SigningKey key;
    private String valid;
    private String validPayload;

    @BeforeEach
    void setUp() {
        key = keys.currentSigningKey();
        valid = TestTokens.sign(keys, TestTokens.validClaims("user", "admin"));
        validPayload = TestTokens.decodePart(valid, 1);
    }

    private static ValidatableResponse assertRefused(String token) {
        return given().header("Authorization", "Bearer " + token).get(PROTECTED).then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer realm=\"jwt-auth-service\""))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"));
    }

    private static void assertRefused(String token, String reason) {
        assertRefused(token)
                .header("WWW-Authenticate", containsString(reason))
                .body("error_description", containsString(reason));
    }

    private String header(String alg) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + key.kid() + "\"}";
    }

    private static String payload(String extra) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.ISSUER + "\",\"sub\":\"hostile\","
                + "\"groups\":[\"user\",\"admin\"],\"iat\":" + now + extra + "}";
    }

    private static String expiring() {
        return ",\"exp\":" + (Instant.now().getEpochSecond() + 300);
    }

    private static String rs256(PrivateKey privateKey, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String alg, byte[] secret, String headerJson, String payloadJson) throws Exception {
        String javaName = "Hmac" + alg.replace("HS", "SHA");
        String input = b64(headerJson) + "." + b64(payloadJson);
        Mac mac = Mac.getInstance(javaName);
        mac.init(new SecretKeySpec(secret, javaName));
        return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static KeyPair attackerKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Test
    void shouldAcceptTheUntamperedTokenTheOthersAreBuiltFrom() {
        given().auth().oauth2(valid).get(PROTECTED).then().statusCode(200);
    }

    // ---------------------------------------------------------------- algorithm confusion (RFC 8725 §2.1, §3.1)

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE", "NoNe", "nONE"})
    void shouldRefuseAlgNoneInEveryCasingWithAndWithoutSignature(String alg) {
        String unsigned = b64(header(alg)) + "." + b64(validPayload);
        assertRefused(unsigned + ".", "algorithm");
        assertRefused(unsigned + "." + valid.split("\\.")[2], "algorithm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void shouldRefuseHmacSignedWithThePublicKeyAsPemOrDer(String alg) throws Exception {
        byte[] der = key.verificationKey().getEncoded();
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
        for (byte[] secret : new byte[][] {
                (pem + "\n").getBytes(StandardCharsets.US_ASCII), pem.getBytes(StandardCharsets.US_ASCII), der}) {
            assertRefused(hmac(alg, secret, header(alg), validPayload), "algorithm");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rs256", "RS256 ", "PS256", "RS512", "ES256K"})
    void shouldRefuseAlgorithmsOutsideTheAllowListEvenForTheServiceKey(String alg) {
        assertRefused(TestTokens.signRaw(keys, header(alg), validPayload), "algorithm");
    }

    @Test
    void shouldRefuseAnAllZeroEcdsaSignature() {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 passed ECDSA checks on some JDKs
        byte[] zeros = new byte[64];
        String withKid = b64(header("ES256")) + "." + b64(validPayload) + "." + b64(zeros);
        String withoutKid = b64("{\"alg\":\"ES256\",\"typ\":\"at+jwt\"}") + "." + b64(validPayload) + "." + b64(zeros);
        assertRefused(withKid, "algorithm");
        assertRefused(withoutKid, "algorithm");
        assertRefused(b64(header("RS256")) + "." + b64(validPayload) + "." + b64(new byte[256]), "signature");
    }

    // ---------------------------------------------------------------- signature (RFC 8725 §3.1, OWASP "signature verification")

    @Test
    void shouldRefuseAStrippedSignature() {
        String[] parts = valid.split("\\.");
        assertRefused(parts[0] + "." + parts[1] + ".", "signature");
        assertRefused(parts[0] + "." + parts[1], "malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub", "groups", "exp", "aud"})
    void shouldRefuseTamperedClaimsUnderTheOriginalSignature(String claim) {
        String tampered = switch (claim) {
            case "sub" -> validPayload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"someone-else\"");
            case "groups" -> validPayload.replace("\"user\"", "\"root\"");
            case "exp" -> validPayload.replaceFirst("\"exp\":(\\d+)", "\"exp\":9999999999");
            default -> validPayload.replaceFirst("\"aud\":\"[^\"]+\"", "\"aud\":\"other\"");
        };
        assertFalse(tampered.equals(validPayload), "the claim was changed");
        String[] parts = valid.split("\\.");
        assertRefused(parts[0] + "." + b64(tampered) + "." + parts[2], "signature");
    }

    @Test
    void shouldRefuseAnEmbeddedJwkSignedByTheAttacker() throws Exception {
        KeyPair attacker = attackerKeys();
        String jwk = PublicJsonWebKey.Factory.newPublicJwk(attacker.getPublic()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        String underServiceKid = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + key.kid() + "\",\"jwk\":" + jwk + "}";
        String withoutKid = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"jwk\":" + jwk + "}";
        assertRefused(rs256(attacker.getPrivate(), underServiceKid, validPayload), "signature");
        assertRefused(rs256(attacker.getPrivate(), withoutKid, validPayload), "kid");
    }

    @Test
    void shouldNeverFetchJkuOrX5u() throws Exception {
        KeyPair attacker = attackerKeys();
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(attacker.getPublic());
        jwk.setKeyId("attacker-key");
        String jwks = "{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String parameter : new String[] {"jku", "x5u"}) {
                for (String kid : new String[] {"attacker-key", key.kid()}) {
                    String headerJson = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\",\"" + parameter
                            + "\":\"" + url + "/" + parameter + ".json\"}";
                    assertRefused(rs256(attacker.getPrivate(), headerJson, validPayload));
                }
            }
            String x5c = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(new byte[64]) + "\"]}";
            assertRefused(rs256(attacker.getPrivate(), x5c, validPayload));
            // a probe proves the server was reachable the whole time
            assertEquals(0, requests.get(), "the service fetched a key URL named in a token");
        } finally {
            server.stop(0);
        }
    }

    // ---------------------------------------------------------------- kid injection (OWASP "kid" abuse)

    @ParameterizedTest
    @ValueSource(strings = {"../../../../../../dev/null", "/etc/passwd", "..\\\\..\\\\windows\\\\win.ini",
            "' OR '1'='1", "x'; DROP TABLE signing_keys; --", "$(touch /tmp/jwt-kid-pwned)", "`touch /tmp/jwt-kid-pwned`",
            "| touch /tmp/jwt-kid-pwned", "http://127.0.0.1:1/key", "\\u0000", ""})
    void shouldTreatHostileKidAsAnUnknownKey(String kid) throws Exception {
        String headerJson = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}";
        assertRefused(rs256(attackerKeys().getPrivate(), headerJson, validPayload), "unknown key");
        assertFalse(Files.exists(Path.of("/tmp/jwt-kid-pwned")), "no shell ran");
        // the key table is intact: the genuine token still passes
        given().auth().oauth2(valid).get(PROTECTED).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"kid\":42", "\"kid\":[\"a\"]", "\"kid\":{\"a\":1}", "\"kid\":null"})
    void shouldRefuseAKidThatIsNotAString(String kid) {
        assertRefused(TestTokens.signRaw(keys, "{\"alg\":\"RS256\",\"typ\":\"at+jwt\"," + kid + "}", validPayload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"alg\":256", "\"alg\":[\"RS256\"]", "\"alg\":null", "\"typ\":7", "\"typ\":[\"at+jwt\"]"})
    void shouldRefuseHeaderParametersOfTheWrongType(String parameter) {
        String headerJson = header("RS256").replace("\"typ\":\"at+jwt\"", "\"x\":0").replace("{", "{" + parameter + ",")
                .replace("\"alg\":\"RS256\",", parameter.startsWith("\"alg\"") ? "" : "\"alg\":\"RS256\",");
        assertRefused(TestTokens.signRaw(keys, headerJson, validPayload));
    }

    // ---------------------------------------------------------------- header semantics (RFC 7515 §4.1.11, RFC 8725 §3.11)

    @ParameterizedTest
    @ValueSource(strings = {"[\"exp\"]", "[\"b64\"]", "[]", "\"exp\""})
    void shouldRefuseCriticalHeaderParameters(String crit) {
        String headerJson = header("RS256").replace("}", ",\"crit\":" + crit + ",\"exp\":1,\"b64\":true}");
        assertRefused(TestTokens.signRaw(keys, headerJson, validPayload), "critical");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "at+jwt ", "application/jwt", "secevent+jwt"})
    void shouldRefuseOtherTokenTypes(String typ) {
        assertRefused(TestTokens.signRaw(keys, header("RS256").replace("at+jwt", typ), validPayload), "wrong type");
    }

    // ---------------------------------------------------------------- time claims (RFC 8725 §3.10, OWASP "expiry")

    @Test
    void shouldRefuseAMissingExp() {
        assertRefused(TestTokens.signRaw(keys, header("RS256"), payload("")), "no expiry");
    }

    @Test
    void shouldRefuseAFarFutureIat() {
        long future = Instant.now().plusSeconds(86_400 * 365L).getEpochSecond();
        String claims = payload(expiring()).replaceFirst("\"iat\":\\d+", "\"iat\":" + future);
        assertRefused(TestTokens.signRaw(keys, header("RS256"), claims), "issued in the future");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "1e300", "9223372036854775807", "18446744073709551617", "1.7976931348623157E308",
            "-1"})
    void shouldRefuseAHugeOrNegativeExp(String exp) {
        assertRefused(TestTokens.signRaw(keys, header("RS256"), payload(",\"exp\":" + exp)), "malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"tomorrow\"", "\"9999999999\"", "true", "null", "[9999999999]", "{\"$date\":1}"})
    void shouldRefuseANonNumericExp(String exp) {
        assertRefused(TestTokens.signRaw(keys, header("RS256"), payload(",\"exp\":" + exp)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"iss\":12", "\"aud\":{\"a\":1}", "\"sub\":false", "\"iat\":\"now\""})
    void shouldRefuseRegisteredClaimsOfTheWrongType(String claim) {
        String name = claim.substring(0, claim.indexOf(':'));
        String claims = payload(expiring()).replaceFirst(name + ":(\"[^\"]*\"|\\d+)", claim);
        assertRefused(TestTokens.signRaw(keys, header("RS256"), claims), "malformed");
    }

    // ---------------------------------------------------------------- JSON and encoding (RFC 8725 §3.4, §3.7)

    @Test
    void shouldRefuseDuplicateJsonKeys() {
        String duplicateClaims = payload(expiring()).replace("{", "{\"sub\":\"admin-user\",");
        assertRefused(TestTokens.signRaw(keys, header("RS256"), duplicateClaims), "malformed");
        String duplicateHeader = header("RS256").replace("}", ",\"alg\":\"none\"}");
        assertRefused(TestTokens.signRaw(keys, duplicateHeader, validPayload), "malformed");
    }

    @Test
    void shouldRefuseDeeplyNestedJson() {
        String nested = "[".repeat(2000) + "]".repeat(2000);
        assertRefused(TestTokens.signRaw(keys, header("RS256"), payload(expiring() + ",\"deep\":" + nested)), "nested too deeply");
        assertRefused(TestTokens.signRaw(keys, header("RS256").replace("}", ",\"x\":" + nested + "}"), validPayload),
                "nested too deeply");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "\"a string\"", "12", "{\"unterminated\":", "{}garbage"})
    void shouldRefuseAPayloadThatIsNotAJsonObject(String json) {
        assertRefused(TestTokens.signRaw(keys, header("RS256"), json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!.###.$$$", "eyJ.eyJ.sig=", "a+b.c/d.e", "eyJhbGciOiJSUzI1NiJ9 .e30.x", "..", ".", "%65%79.e30.AA"})
    void shouldRefuseInvalidBase64Url(String token) {
        assertRefused(token, "malformed");
    }

    @Test
    void shouldRefuseInvalidUtf8InTheHeader() {
        byte[] bytes = {'{', '"', 'a', 'l', 'g', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        assertRefused(b64(bytes) + "." + b64(validPayload) + "." + valid.split("\\.")[2]);
    }

    @Test
    void shouldRefuseAFivePartJweLookingToken() {
        String jwe = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"" + key.kid() + "\"}")
                + "." + b64(new byte[256]) + "." + b64(new byte[12]) + "." + b64(validPayload) + "." + b64(new byte[16]);
        assertRefused(jwe, "encrypted");
    }

    @Test
    void shouldRefuseATokenPastEightKiB() {
        assertRefused(TestTokens.signRaw(keys, header("RS256"), payload(expiring() + ",\"pad\":\"" + "p".repeat(8000) + "\"")),
                "too large");
    }

    // ---------------------------------------------------------------- transport (RFC 6750 §2)

    @Test
    void shouldNeverGrantMoreRightsForTwoAuthorizationHeaders() {
        String userOnly = TestUsers.tokenWithRoles("user");
        given().header("Authorization", "Bearer " + userOnly)
                .header("Authorization", "Bearer " + valid)
                .get("/api/admin").then()
                .statusCode(400)
                .header("WWW-Authenticate", containsString("error=\"invalid_request\""))
                .body("error", equalTo("invalid_request"));
        given().header("Authorization", "Bearer " + valid)
                .header("Authorization", "Basic YWRtaW46YWRtaW4=")
                .get("/api/admin").then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }
}
