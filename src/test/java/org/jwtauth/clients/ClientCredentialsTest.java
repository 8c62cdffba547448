package org.jwtauth.clients;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.common.persistence.Database;
import org.jwtauth.testing.TestTokens;
import org.jwtauth.testing.TestUsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Service clients: admin management and the client_credentials grant (SPEC §2, §6). */
@QuarkusTest
class ClientCredentialsTest {

    @Inject
    Database db;

    private String adminToken;
    private String clientId;
    private String secret;

    @BeforeEach
    void createClient() {
        adminToken = TestUsers.adminToken();
        clientId = TestUsers.uniqueName("billing");
        secret = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("client_id", clientId, "roles", List.of("user", "reports")))
                .post("/admin/clients")
                .then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("client_id", equalTo(clientId))
                .body("roles", equalTo(List.of("reports", "user")))
                .extract().path("client_secret");
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes());
    }

    @Test
    void shouldGenerateSecretOfAtLeast256Bits() {
        assertTrue(Base64.getUrlDecoder().decode(secret).length >= 32);
    }

    @Test
    void shouldStoreOnlyAKeyedHashOfTheSecret() {
        String stored = QuarkusTransaction.requiringNew().call(() -> db.first(
                "SELECT secret_hash FROM clients WHERE client_id = ?", row -> row.getString(1), clientId).orElseThrow());
        assertFalse(stored.contains(secret));
        assertEquals(64, stored.length(), "hex HMAC-SHA256");
    }

    @Test
    void shouldNeverShowTheSecretAgain() {
        given().auth().oauth2(adminToken).get("/admin/clients/" + clientId).then()
                .statusCode(200)
                .body("client_id", equalTo(clientId))
                .body("$", not(hasKey("client_secret")));
        given().auth().oauth2(adminToken).get("/admin/clients").then()
                .statusCode(200)
                .body("items.client_secret", not(org.hamcrest.Matchers.hasItem(secret)))
                .body("page", equalTo(0));
    }

    @Test
    void shouldRefuseBadPagingOfClientsWith400() {
        for (String query : new String[] {"page=abc", "page=-1", "size=0", "size=201", "page=200000000"}) {
            given().auth().oauth2(adminToken).get("/admin/clients?" + query).then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_request"))
                    .body("error_description", org.hamcrest.Matchers.startsWith(query.substring(0, 4)));
        }
    }

    @Test
    void shouldIssueTokenWithHttpBasic() throws Exception {
        String token = given().header("Authorization", basic(clientId, secret)).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("/auth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("reports user"))
                .body("$", not(hasKey("refresh_token")))
                .extract().path("access_token");
        JsonNode claims = new ObjectMapper().readTree(TestTokens.decodePart(token, 1));
        assertEquals(clientId, claims.get("sub").asText());
        assertEquals(clientId, claims.get("client_id").asText());
        given().auth().oauth2(token).get("/api/user").then().statusCode(200);
        given().auth().oauth2(token).get("/api/admin").then().statusCode(403);
    }

    @Test
    void shouldIssueTokenWithBodyParameters() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .formParam("scope", "reports")
                .post("/auth/token")
                .then().statusCode(200).body("scope", equalTo("reports"))
                .body("access_token", not(nullValue()));
    }

    @Test
    void shouldRefuseWrongSecretWith401AndBasicChallenge() {
        given().header("Authorization", basic(clientId, secret + "x")).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .post("/auth/token")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("error", equalTo("invalid_client"));
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", "nope")
                .post("/auth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void shouldRefuseUnknownClientAndMissingAuthentication() {
        given().header("Authorization", basic("nobody", secret)).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").post("/auth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials").post("/auth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().header("Authorization", "Basic !!!not-base64").contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").post("/auth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void shouldRefuseScopeBeyondClientRoles() {
        given().header("Authorization", basic(clientId, secret)).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("scope", "admin")
                .post("/auth/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void shouldRefuseDuplicateClientId() {
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("client_id", clientId, "roles", List.of("user")))
                .post("/admin/clients")
                .then().statusCode(409).body("error", equalTo("conflict"));
    }

    @Test
    void shouldGenerateClientIdWhenAbsent() {
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("user")))
                .post("/admin/clients")
                .then().statusCode(201).body("client_id", not(nullValue())).body("client_secret", not(nullValue()));
    }

    @Test
    void shouldRefuseBadClientBodies() {
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{}").post("/admin/clients")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"roles\":[\"Bad Role\"]}")
                .post("/admin/clients")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"roles\":\"user\"}")
                .post("/admin/clients")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"client_id\":\"a b\",\"roles\":[]}")
                .post("/admin/clients")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldDeleteClientAndStopItsGrants() {
        given().auth().oauth2(adminToken).delete("/admin/clients/" + clientId).then().statusCode(204);
        given().auth().oauth2(adminToken).get("/admin/clients/" + clientId).then().statusCode(404)
                .body("error", equalTo("not_found"));
        given().header("Authorization", basic(clientId, secret)).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").post("/auth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void shouldKeepClientAdministrationForAdmins() {
        String userToken = TestUsers.tokenWithRoles("user");
        given().auth().oauth2(userToken).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("admin"))).post("/admin/clients")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
        given().contentType(ContentType.JSON).body(Map.of("roles", List.of("admin"))).post("/admin/clients")
                .then().statusCode(401);
        given().auth().oauth2(userToken).get("/admin/clients/" + clientId).then().statusCode(403);
        given().auth().oauth2(userToken).delete("/admin/clients/" + clientId).then().statusCode(403);
    }
}
