package org.jwtauth.testing;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Logs in, refreshes and calls protected endpoints through the real API, as a session-holding client would. */
public final class TestSessions {

    private TestSessions() {
    }

    /** A user created through the admin API, with its password. */
    public record Account(String id, String username, String password) {
        public Tokens login() {
            return TestSessions.login(username, password);
        }
    }

    /** One token response. */
    public record Tokens(String accessToken, String refreshToken, String scope) {
        static Tokens of(JsonPath body) {
            return new Tokens(body.getString("access_token"), body.getString("refresh_token"), body.getString("scope"));
        }
    }

    public static Account newAccount(String... roles) {
        String username = TestUsers.uniqueName("s");
        String password = TestUsers.strongPassword();
        String id = TestUsers.create(username, password, roles);
        return new Account(id, username, password);
    }

    public static Tokens login(String username, String password) {
        return Tokens.of(given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/auth/login")
                .then().statusCode(200)
                .extract().jsonPath());
    }

    /** {@code POST /auth/token} with {@code grant_type=refresh_token}, answer not yet checked. */
    public static Response refresh(String refreshToken) {
        return given().formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .post("/auth/token");
    }

    public static Response refresh(String refreshToken, String scope) {
        return given().formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .formParam("scope", scope)
                .post("/auth/token");
    }

    /** Refreshes and expects success. */
    public static Tokens refreshed(String refreshToken) {
        return Tokens.of(refresh(refreshToken).then().statusCode(200).extract().jsonPath());
    }

    /** Status of {@code GET /api/claims} with the token: 200 while it is valid, 401 once refused. */
    public static int claimsStatus(String accessToken) {
        return given().auth().oauth2(accessToken).get("/api/claims").statusCode();
    }

    /** Creates a service client through the admin API; answers {@code [client_id, client_secret]}. */
    public static List<String> newClient(String... roles) {
        JsonPath body = given().auth().oauth2(TestUsers.adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("client_id", TestUsers.uniqueName("c"), "roles", List.of(roles)))
                .post("/admin/clients")
                .then().statusCode(201)
                .extract().jsonPath();
        return List.of(body.getString("client_id"), body.getString("client_secret"));
    }
}
