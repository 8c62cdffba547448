package org.jwtauth.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Registration, /users/me and password change (SPEC §6, §10). */
@QuarkusTest
class SelfServiceTest {

    @Test
    void shouldRegisterWithDefaultRoleAndLogIn() {
        String username = TestUsers.uniqueName("reg");
        String password = TestUsers.strongPassword();
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/auth/register")
                .then().statusCode(201)
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("user")))
                .body("enabled", equalTo(true))
                .body("$", not(hasKey("password")));
        String token = TestUsers.login(username, password);
        given().auth().oauth2(token).get("/users/me").then().statusCode(200)
                .body("username", equalTo(username)).body("roles", equalTo(List.of("user")));
    }

    @Test
    void shouldRefuseRolesOnRegistration() {
        String username = TestUsers.uniqueName("sneaky");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", TestUsers.strongPassword(), "roles", List.of("admin")))
                .post("/auth/register")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("roles"));
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + TestUsers.strongPassword() + "\",\"roles\":null}")
                .post("/auth/register")
                .then().statusCode(400);
    }

    @Test
    void shouldIgnoreOtherUnknownFieldsOnRegistration() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", TestUsers.uniqueName("extra"), "password", TestUsers.strongPassword(), "nickname", "x"))
                .post("/auth/register")
                .then().statusCode(201);
    }

    @Test
    void shouldRefuseTakenUsernameAndWeakPasswordOnRegistration() {
        given().contentType(ContentType.JSON).body(Map.of("username", "ADMIN", "password", TestUsers.strongPassword()))
                .post("/auth/register").then().statusCode(409).body("error", equalTo("conflict"));
        given().contentType(ContentType.JSON).body(Map.of("username", TestUsers.uniqueName("w"), "password", "password12345678"))
                .post("/auth/register").then().statusCode(400).body("error", equalTo("invalid_password"));
        given().contentType(ContentType.JSON).body("{\"username\":\"abcdef\",\"password\":true}")
                .post("/auth/register").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().contentType(ContentType.JSON).body("not json").post("/auth/register")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldShowOwnRecord() {
        String username = TestUsers.uniqueName("me");
        String password = TestUsers.strongPassword();
        String id = TestUsers.create(username, password, "user");
        given().auth().oauth2(TestUsers.login(username, password)).get("/users/me").then().statusCode(200)
                .body("id", equalTo(id)).body("username", equalTo(username)).body("$", not(hasKey("password_hash")));
        given().get("/users/me").then().statusCode(401);
    }

    @Test
    void shouldChangePassword() {
        String username = TestUsers.uniqueName("chg");
        String oldPassword = TestUsers.strongPassword();
        String newPassword = TestUsers.strongPassword();
        TestUsers.create(username, oldPassword, "user");
        String token = TestUsers.login(username, oldPassword);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("current_password", "wrong-" + oldPassword, "new_password", newPassword))
                .put("/users/me/password").then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("current_password", oldPassword, "new_password", "too-short"))
                .put("/users/me/password").then().statusCode(400).body("error", equalTo("invalid_password"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("current_password", oldPassword))
                .put("/users/me/password").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("current_password", oldPassword, "new_password", newPassword))
                .put("/users/me/password").then().statusCode(204);
        TestUsers.login(username, newPassword);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", oldPassword))
                .post("/auth/login").then().statusCode(401);
    }
}
