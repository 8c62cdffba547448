package org.jwtauth.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Key;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestTokens;
import org.jwtauth.testing.TestUsers;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * What every signing algorithm must do end to end: issue, verify, publish, discover, refuse a token
 * signed by a foreign key of the same algorithm, and verify with an independent JOSE library.
 * Subclasses pick the algorithm with a test profile.
 */
abstract class AlgorithmContract {

    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "k", "oth");

    @Inject
    KeyService keys;

    @Inject
    TokenEncryption encryption;

    abstract String algorithm();

    /** The signed token: the token itself, or the content of a nested (encrypted) token. */
    String signedPart(String token) {
        return token.split("\\.").length == 5 ? encryption.decrypt(token).orElseThrow() : token;
    }

    @Test
    void shouldIssueTokenSignedWithTheConfiguredAlgorithm() {
        String token = signedPart(TestUsers.tokenWithRoles("user"));
        JsonPath header = JsonPath.from(TestTokens.decodePart(token, 0));
        assertEquals(algorithm(), header.getString("alg"));
        assertEquals(keys.currentSigningKey().kid(), header.getString("kid"));
        assertEquals("at+jwt", header.getString("typ"));
    }

    @Test
    void shouldVerifyIssuedTokenOnProtectedResources() {
        String token = TestUsers.tokenWithRoles("user");
        given().auth().oauth2(token).get("/api/user").then().statusCode(200);
        given().auth().oauth2(token).get("/api/claims").then().statusCode(200)
                .body("iss", equalTo(TestTokens.ISSUER));
        given().auth().oauth2(token).get("/api/admin").then().statusCode(403);
    }

    @Test
    void shouldPublishOnlyPublicKeysInJwks() {
        Response response = given().get("/.well-known/jwks.json");
        response.then().statusCode(200).header("Cache-Control", containsString("public, max-age="));
        long maxAge = Long.parseLong(response.header("Cache-Control").replaceAll(".*max-age=(\\d+).*", "$1"));
        assertTrue(maxAge >= 60 && maxAge <= 300, "max-age " + maxAge);
        List<Map<String, Object>> published = response.jsonPath().getList("keys");
        if (algorithm().equals("HS256")) {
            assertTrue(published.isEmpty(), "an HS256 secret is never published");
            return;
        }
        Map<String, Object> current = published.stream()
                .filter(k -> keys.currentSigningKey().kid().equals(k.get("kid"))).findFirst().orElseThrow();
        assertEquals(algorithm(), current.get("alg"));
        assertEquals("sig", current.get("use"));
        assertEquals(expectedKeyType(), current.get("kty"));
        // keys of an algorithm used before (other test profiles share the database) may still be published
        for (Map<String, Object> key : published) {
            assertTrue(key.keySet().stream().noneMatch(PRIVATE_MEMBERS::contains), "private member in " + key.keySet());
        }
    }

    private String expectedKeyType() {
        return switch (algorithm()) {
            case "ES256", "ES384" -> "EC";
            case "EdDSA" -> "OKP";
            default -> "RSA";
        };
    }

    @Test
    void shouldListTheAlgorithmInUseInDiscovery() {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            given().get(path).then().statusCode(200)
                    .body("id_token_signing_alg_values_supported", equalTo(List.of(algorithm())))
                    .body("access_token_signing_alg_values_supported", equalTo(List.of(algorithm())));
        }
    }

    @Test
    void shouldRejectTokenSignedByForeignKeyOfTheSameAlgorithm() {
        Key foreign = foreignKey();
        String claims = TestTokens.decodePart(signedPart(TestUsers.tokenWithRoles("user")), 1);
        String underServiceKid = TestTokens.signRaw(algorithm(), foreign, TestTokens.header(keys, "at+jwt"), claims);
        assertRejected(underServiceKid, "signature");
        String header = "{\"alg\":\"" + algorithm() + "\",\"kid\":\"foreign-key\",\"typ\":\"at+jwt\"}";
        assertRejected(TestTokens.signRaw(algorithm(), foreign, header, claims), "unknown key");
    }

    Key foreignKey() {
        if (algorithm().equals("HS256")) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            return new SecretKeySpec(secret, "HmacSHA256");
        }
        return KeyAlgorithms.generate(algorithm()).getPrivate();
    }

    static void assertRejected(String token, String reason) {
        given().auth().oauth2(token).get("/api/user").then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"))
                .body("error_description", containsString(reason));
    }

    @Test
    void shouldVerifyWithAnIndependentJoseLibrary() throws Exception {
        String username = TestUsers.uniqueName("interop");
        String password = TestUsers.strongPassword();
        TestUsers.create(username, password, "user");
        String token = TestUsers.login(username, password);
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        Map<String, Object> claims = NimbusVerifier.verify(token, jwks, this);
        assertEquals(username, claims.get("upn"));
        assertEquals(TestTokens.ISSUER, claims.get("iss"));
        assertNotNull(claims.get("exp"));
        assertFalse(((List<?>) claims.get("groups")).isEmpty());
    }
}
