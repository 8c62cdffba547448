package org.jwtauth.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestTokens;
import org.jwtauth.testing.TestUsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The token endpoint and login (SPEC §2, §10) as a client uses them. */
@QuarkusTest
class TokenResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String username;
    private String password;
    private String userId;

    @BeforeEach
    void createUser() {
        username = TestUsers.uniqueName("alice");
        password = TestUsers.strongPassword();
        userId = TestUsers.create(username, password, "user", "reports");
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(TestTokens.decodePart(token, 1));
    }

    @Test
    void shouldIssueTokenForPasswordGrantWithForm() throws Exception {
        Response response = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .post("/auth/token");
        response.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .contentType(ContentType.JSON)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("scope", equalTo("reports user"));
        String token = response.path("access_token");
        JsonNode header = JSON.readTree(TestTokens.decodePart(token, 0));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("at+jwt", header.get("typ").asText());
        assertTrue(header.hasNonNull("kid"));
        JsonNode claims = claims(token);
        assertEquals(TestTokens.ISSUER, claims.get("iss").asText());
        assertEquals(userId, claims.get("sub").asText());
        assertEquals(TestTokens.ISSUER, claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText());
        assertEquals(username, claims.get("upn").asText());
        assertEquals(900, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertTrue(claims.hasNonNull("jti"));
        assertTrue(claims.hasNonNull("sid"));
        assertEquals("reports user", claims.get("scope").asText());
        assertEquals(2, claims.get("groups").size());
        assertEquals("first-party", claims.get("client_id").asText(), "RFC 9068 §2.2: the default client when none is named");
        assertFalse(claims.toString().contains(password), "no password in the payload");
    }

    @Test
    void shouldIssueTokenForPasswordGrantWithJson() {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "password", "username", username, "password", password))
                .post("/auth/token")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .extract().path("access_token");
        given().auth().oauth2(token).get("/api/user").then().statusCode(200).body("username", equalTo(username));
    }

    @Test
    void shouldGiveUniqueJtiPerToken() throws Exception {
        String first = TestUsers.login(username, password);
        String second = TestUsers.login(username, password);
        assertNotEquals(claims(first).get("jti").asText(), claims(second).get("jti").asText());
    }

    @Test
    void shouldLoginCaseInsensitively() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", username.toUpperCase(), "password", password))
                .post("/auth/login")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("access_token", not(nullValue()));
    }

    @Test
    void shouldAnswerWrongPasswordAndUnknownUserAlike() {
        Response wrong = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", username).formParam("password", "wrong-" + password)
                .post("/auth/token");
        Response unknown = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", "nobody-" + UUID.randomUUID())
                .formParam("password", password)
                .post("/auth/token");
        wrong.then().statusCode(400).body("error", equalTo("invalid_grant"));
        unknown.then().statusCode(400).body("error", equalTo("invalid_grant"));
        assertEquals(wrong.asString(), unknown.asString());
    }

    @Test
    void shouldRefuseLoginWithBadCredentialsWith401() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "not-the-password-at-all"))
                .post("/auth/login")
                .then().statusCode(401).contentType(ContentType.JSON)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", not(containsString(username)));
    }

    @Test
    void shouldAnswerDisabledUserExactlyLikeWrongPassword() {
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("enabled", false)).patch("/admin/users/" + userId).then().statusCode(200);
        String disabled = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/auth/login")
                .then().statusCode(401).extract().asString();
        String wrong = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "wrong-" + password)).post("/auth/login")
                .then().statusCode(401).extract().asString();
        assertEquals(wrong, disabled);
    }

    @Test
    void shouldLimitGroupsToRequestedScope() throws Exception {
        String token = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .formParam("scope", "reports")
                .post("/auth/token")
                .then().statusCode(200).body("scope", equalTo("reports"))
                .extract().path("access_token");
        JsonNode claims = claims(token);
        assertEquals(1, claims.get("groups").size());
        assertEquals("reports", claims.get("scope").asText());
        given().auth().oauth2(token).get("/api/user").then().statusCode(403);
    }

    @Test
    void shouldRefuseScopeTheUserLacks() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .formParam("scope", "user admin")
                .post("/auth/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"))
                .body("error_description", containsString("admin"));
    }

    @Test
    void shouldRefuseUnknownGrantType() {
        given().contentType(ContentType.URLENC).formParam("grant_type", "implicit").post("/auth/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"))
                .body("error_description", containsString("client_credentials"))
                .body("error_description", not(containsString("implicit")));
    }

    @Test
    void shouldRefuseMissingGrantType() {
        given().contentType(ContentType.URLENC).formParam("username", username).post("/auth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("grant_type"));
    }

    @Test
    void shouldRefuseMissingPassword() {
        given().contentType(ContentType.URLENC).formParam("grant_type", "password").formParam("username", username)
                .post("/auth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("password"));
    }

    @Test
    void shouldRefuseRepeatedParameter() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", username).formParam("username", "other")
                .formParam("password", password)
                .post("/auth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("repeated"));
    }

    @Test
    void shouldRefuseMalformedJson() {
        given().contentType(ContentType.JSON).body("{\"grant_type\": \"password\", ").post("/auth/token")
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid_request"));
        given().contentType(ContentType.JSON).body("{\"username\": ").post("/auth/login")
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldRefuseJsonArrayBody() {
        given().contentType(ContentType.JSON).body("[1,2]").post("/auth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldRefuseMistypedJsonField() {
        given().contentType(ContentType.JSON).body("{\"grant_type\":\"password\",\"username\":\"" + username + "\",\"password\":12345}")
                .post("/auth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("password"));
        given().contentType(ContentType.JSON).body("{\"username\":\"" + username + "\",\"password\":12345}")
                .post("/auth/login")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldRefuseLoginWithMissingFields() {
        given().contentType(ContentType.JSON).body("{\"username\":\"" + username + "\"}").post("/auth/login")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("password"));
        given().contentType(ContentType.JSON).post("/auth/login")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldIgnoreUnknownJsonFields() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "remember_me", true))
                .post("/auth/login").then().statusCode(200);
    }

    @Test
    void shouldRefuseUnsupportedContentType() {
        given().contentType(ContentType.XML).body("<a/>").post("/auth/token")
                .then().statusCode(415).contentType(ContentType.JSON).body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void shouldRefuseGetOnTokenEndpoint() {
        given().get("/auth/token").then().statusCode(405).contentType(ContentType.JSON)
                .body("error", equalTo("method_not_allowed"));
    }

    @Test
    void shouldMalformedFormNeverGive5xx() {
        given().contentType(ContentType.URLENC).body("grant_type=password&username=%zz&&=&password")
                .post("/auth/token").then().statusCode(400).body("error", not(nullValue()));
    }

    @Test
    void shouldIgnoreBadBearerTokenOnTokenEndpoint() {
        given().header("Authorization", "Bearer garbage").contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/auth/login").then().statusCode(200);
    }

    @Test
    void shouldNameTheDefaultClientForPlainLogin() throws Exception {
        JsonNode claims = claims(TestUsers.login(username, password));
        assertEquals("first-party", claims.get("client_id").asText());
        assertEquals(List.of("reports", "user"), List.of(claims.get("scope").asText().split(" ")));
    }
}
