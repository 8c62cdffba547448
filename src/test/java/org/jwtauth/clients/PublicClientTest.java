package org.jwtauth.clients;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

import com.nimbusds.jwt.JWTParser;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Confidential and public clients, the built-in ones, and which client every token names (SPEC §2, §6). */
@QuarkusTest
class PublicClientTest {

    private String adminToken;

    @BeforeEach
    void admin() {
        adminToken = TestUsers.adminToken();
    }

    private Response create(Map<String, Object> body) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body).post("/admin/clients");
    }

    @Test
    void shouldCreateAPublicClientWithoutASecret() {
        String id = TestUsers.uniqueName("spa");
        create(Map.of("client_id", id, "type", "public", "roles", List.of(),
                "redirect_uris", List.of("https://spa.example/cb", "com.example.app:/oauth", "http://127.0.0.1:7777/cb")))
                .then().statusCode(201)
                .body("client_id", equalTo(id))
                .body("type", equalTo("public"))
                .body("$", not(hasKey("client_secret")))
                .body("redirect_uris", equalTo(List.of("com.example.app:/oauth", "http://127.0.0.1:7777/cb", "https://spa.example/cb")));
        given().auth().oauth2(adminToken).get("/admin/clients/" + id).then().statusCode(200)
                .body("type", equalTo("public"))
                .body("redirect_uris", hasItem("https://spa.example/cb"));
    }

    @Test
    void shouldCreateAConfidentialClientByDefault() {
        create(Map.of("roles", List.of("user"))).then().statusCode(201)
                .body("type", equalTo("confidential"))
                .body("$", hasKey("client_secret"))
                .body("redirect_uris", equalTo(List.of()));
    }

    @Test
    void shouldRefuseRedirectUrisThatAreNotSafe() {
        for (String uri : List.of("javascript:alert(1)", "http://app.example/cb", "https://app.example/cb#frag",
                "/relative/cb", "data:text/html,hi", "not a uri")) {
            create(Map.of("type", "public", "roles", List.of(), "redirect_uris", List.of(uri)))
                    .then().statusCode(400)
                    .body("error", equalTo("invalid_request"));
        }
        create(Map.of("type", "secret", "roles", List.of())).then().statusCode(400);
    }

    @Test
    void shouldRefuseTheClientCredentialsGrantToAPublicClient() {
        String id = SignIns.publicClient();
        given().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "client_credentials", "client_id", id))
                .post("/auth/token").then().statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void shouldRefuseASecretFromAPublicClientAndNoSecretFromAConfidentialOne() {
        String publicId = SignIns.publicClient();
        List<String> confidential = TestSessions.newClient("user");
        Account user = TestSessions.newAccount("user");
        for (Map<String, String> client : List.of(Map.of("client_id", publicId, "client_secret", "anything"),
                Map.of("client_id", confidential.get(0)))) {
            given().contentType(ContentType.URLENC)
                    .formParams(Map.of("grant_type", "password", "username", user.username(), "password", user.password()))
                    .formParams(client)
                    .post("/auth/token").then().statusCode(401)
                    .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic"))
                    .body("error", equalTo("invalid_client"));
        }
    }

    @Test
    void shouldNameTheDefaultClientInTokensOfRequestsThatNameNone() throws Exception {
        Account user = TestSessions.newAccount("user");
        String token = TestSessions.login(user.username(), user.password()).accessToken();
        assertEquals("first-party", JWTParser.parse(token).getJWTClaimsSet().getStringClaim("client_id"));
        String granted = org.jwtauth.testing.Logins.passwordGrant(user.username(), user.password(), org.jwtauth.testing.Logins.uniqueAddress())
                .then().statusCode(200).extract().path("access_token");
        assertEquals("first-party", JWTParser.parse(granted).getJWTClaimsSet().getStringClaim("client_id"));
    }

    @Test
    void shouldLetAPublicClientUseThePasswordGrantBoundToItself() throws Exception {
        String id = SignIns.publicClient();
        Account user = TestSessions.newAccount("user");
        Response tokens = given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "username", user.username(), "password", user.password(),
                        "client_id", id))
                .post("/auth/token").then().statusCode(200).extract().response();
        assertEquals(id, JWTParser.parse(tokens.path("access_token")).getJWTClaimsSet().getStringClaim("client_id"));
        TestSessions.refresh(tokens.path("refresh_token")).then().statusCode(400)
                .body("error_description", equalTo("The refresh token was issued to another client."));
    }

    @Test
    void shouldRequireAConfidentialClientsSecretForTheCodeExchange() {
        String id = TestUsers.uniqueName("web");
        String secret = create(Map.of("client_id", id, "roles", List.of(), "redirect_uris", List.of(SignIns.REDIRECT_URI)))
                .then().statusCode(201).extract().path("client_secret");
        Account user = TestSessions.newAccount("user");
        Attempt attempt = SignIns.attempt(id, "openid");
        String code = SignIns.signInForCode(new Browser(), attempt, user.username(), user.password());
        SignIns.exchange(attempt, code).then().statusCode(401).body("error", equalTo("invalid_client"));

        Attempt second = SignIns.attempt(id, "openid");
        String another = SignIns.signInForCode(new Browser(), second, user.username(), user.password());
        given().auth().preemptive().basic(id, secret).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "authorization_code", "code", another, "redirect_uri", SignIns.REDIRECT_URI,
                        "code_verifier", second.verifier().getValue()))
                .post("/auth/token").then().statusCode(200).body("id_token", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldListTheBuiltInClientsAndKeepThemUnchangeable() {
        given().auth().oauth2(adminToken).get("/admin/clients?page=0&size=200").then().statusCode(200)
                .body("items.client_id", hasItem("first-party"))
                .body("items.client_id", hasItem("console"));
        given().auth().oauth2(adminToken).get("/admin/clients/console").then().statusCode(200)
                .body("type", equalTo("public"))
                .body("built_in", equalTo(true))
                .body("redirect_uris", equalTo(List.of("https://auth.test.example/console/")));
        given().auth().oauth2(adminToken).delete("/admin/clients/first-party").then().statusCode(409)
                .body("error", equalTo("conflict"));
        create(Map.of("client_id", "console", "roles", List.of())).then().statusCode(409);
    }

    @Test
    void shouldRefuseToRotateThePublicClientsMissingSecret() {
        String id = SignIns.publicClient();
        given().auth().oauth2(adminToken).post("/admin/clients/" + id + "/secret").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }
}
