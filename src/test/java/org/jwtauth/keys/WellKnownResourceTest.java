package org.jwtauth.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwtauth.testing.NoDatabase;
import org.jwtauth.testing.TestTokens;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;

/** JWKS and discovery (SPEC §4): enough for another service to verify tokens offline. */
@NoDatabase
@QuarkusTest
class WellKnownResourceTest {

    @Test
    void shouldPublishPublicKeysOnly() {
        String cacheControl = given().get("/.well-known/jwks.json").then()
                .statusCode(200)
                .body("keys.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("keys.kid", everyItem(notNullValue()))
                .body("keys.use", everyItem(equalTo("sig")))
                .body("keys.findAll { it.alg == 'RS256' }.n", everyItem(notNullValue()))
                .body("keys.findAll { it.alg == 'RS256' }.e", everyItem(notNullValue()))
                .body("keys.findAll { it.alg == 'RS256' }.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("keys.findAll { it.d != null || it.p != null || it.q != null || it.dp != null || it.k != null }",
                        org.hamcrest.Matchers.empty())
                .extract().header("Cache-Control");
        int maxAge = Integer.parseInt(cacheControl.replaceAll("public, max-age=(\\d+)", "$1"));
        assertTrue(maxAge >= 60 && maxAge <= 300, cacheControl);
    }

    @Test
    void shouldLetAnotherServiceVerifyATokenOfflineWithTheJwks() throws Exception {
        String username = TestUsers.uniqueName("offline");
        String password = TestUsers.strongPassword();
        TestUsers.create(username, password, "user");
        String token = TestUsers.login(username, password);
        JsonWebKeySet jwks = new JsonWebKeySet(given().get("/.well-known/jwks.json").asString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        var key = new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys());
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key.getKey())
                .setExpectedIssuer(TestTokens.ISSUER)
                .setExpectedAudience(TestTokens.ISSUER)
                .setRequireExpirationTime()
                .setExpectedType(true, "at+jwt")
                .build();
        JwtClaims claims = consumer.processToClaims(token);
        assertEquals(username, claims.getClaimValueAsString("upn"));
        assertTrue(claims.getStringListClaimValue("groups").contains("user"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"})
    void shouldDescribeTheIssuer(String path) {
        given().get(path).then()
                .statusCode(200)
                .body("issuer", equalTo(TestTokens.ISSUER))
                .body("jwks_uri", equalTo(TestTokens.ISSUER + "/.well-known/jwks.json"))
                .body("token_endpoint", equalTo(TestTokens.ISSUER + "/auth/token"))
                .body("revocation_endpoint", equalTo(TestTokens.ISSUER + "/auth/revoke"))
                .body("introspection_endpoint", equalTo(TestTokens.ISSUER + "/auth/introspect"))
                .body("grant_types_supported", hasItems("authorization_code", "refresh_token", "password", "client_credentials"))
                .body("token_endpoint_auth_methods_supported", equalTo(List.of("client_secret_basic", "client_secret_post", "none")))
                .body("authorization_endpoint", equalTo(TestTokens.ISSUER + "/auth/authorize"))
                .body("userinfo_endpoint", equalTo(TestTokens.ISSUER + "/auth/userinfo"))
                .body("end_session_endpoint", equalTo(TestTokens.ISSUER + "/auth/end-session"))
                .body("response_types_supported", equalTo(List.of("code")))
                .body("subject_types_supported", equalTo(List.of("public")))
                .body("code_challenge_methods_supported", equalTo(List.of("S256")))
                .body("scopes_supported", hasItem("openid"))
                .body("claims_supported", hasItems("sub", "preferred_username", "nonce", "auth_time", "sid"))
                .body("id_token_signing_alg_values_supported", hasItem("RS256"))
                .body("id_token_signing_alg_values_supported", not(hasItem("none")));
    }

    @Test
    void shouldBeValidOpenIdConnectDiscoveryForAnIndependentRelyingParty() throws Exception {
        String json = given().get("/.well-known/openid-configuration").then().statusCode(200).extract().asString();
        com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata metadata =
                com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata.parse(json);
        assertEquals(TestTokens.ISSUER, metadata.getIssuer().getValue());
        assertEquals(TestTokens.ISSUER + "/auth/authorize", metadata.getAuthorizationEndpointURI().toString());
        assertEquals(List.of(com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256), metadata.getCodeChallengeMethods());
        assertEquals(List.of(com.nimbusds.openid.connect.sdk.SubjectType.PUBLIC), metadata.getSubjectTypes());
        assertTrue(metadata.getIDTokenJWSAlgs().contains(com.nimbusds.jose.JWSAlgorithm.RS256));
        assertTrue(metadata.supportsAuthorizationResponseIssuerParam());
        com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata.parse(
                given().get("/.well-known/oauth-authorization-server").then().statusCode(200).extract().asString());
    }

    @Test
    void shouldServeDiscoveryWithoutAuthentication() {
        Map<String, Object> withBadToken = given().auth().oauth2("x.y.z").get("/.well-known/openid-configuration").as(Map.class);
        Map<String, Object> without = given().get("/.well-known/openid-configuration").as(Map.class);
        assertEquals(without, withBadToken);
    }
}
