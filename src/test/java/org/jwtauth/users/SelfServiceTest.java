package org.jwtauth.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.Logins;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Registration, /users/me and password change (SPEC §6, §10). */
@QuarkusTest
class SelfServiceTest {

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private double hashesComputed() {
        String text = given().get(metrics).then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith("auth_password_hashes_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void shouldCheckTheUsernameBeforeSpendingAHashOnRegistration() {
        double before = hashesComputed();
        given().contentType(ContentType.JSON).body(Map.of("username", "Admin", "password", TestUsers.strongPassword()))
                .header("X-Forwarded-For", Logins.uniqueAddress())
                .post("/auth/register").then().statusCode(409);
        assertEquals(before, hashesComputed(), "a taken username costs no hash (no timing oracle)");
        given().contentType(ContentType.JSON).body(Map.of("username", TestUsers.uniqueName("h"), "password", TestUsers.strongPassword()))
                .header("X-Forwarded-For", Logins.uniqueAddress())
                .post("/auth/register").then().statusCode(201);
        assertEquals(before + 1, hashesComputed(), "the counter sees hashes at all");
    }

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

    @Test
    void shouldThrottleWrongCurrentPasswordsLikeLoginsOfTheUser() {
        String username = TestUsers.uniqueName("oracle");
        String password = TestUsers.strongPassword();
        TestUsers.create(username, password, "user");
        String token = TestUsers.login(username, password);
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON).header("X-Forwarded-For", Logins.uniqueAddress())
                    .body(Map.of("current_password", "guess-number-" + i, "new_password", TestUsers.strongPassword()))
                    .put("/users/me/password").then().statusCode(400).body("error", equalTo("invalid_grant"))
                    .body("error_description", equalTo("The current password is wrong."));
        }
        // the sixth guess is not checked, and the username is locked for logins too
        Response refused = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("current_password", password, "new_password", TestUsers.strongPassword()))
                .put("/users/me/password");
        refused.then().statusCode(429).body("error", equalTo("too_many_requests"))
                .body("error_description", equalTo("Too many failed logins; try again later."));
        long lock = Long.parseLong(refused.header("Retry-After"));
        org.junit.jupiter.api.Assertions.assertTrue(lock > 45 && lock <= 60, "a one-minute lock: " + lock);
        Logins.login(username, password, Logins.uniqueAddress()).then().statusCode(429)
                .body("error", equalTo("too_many_requests"));
    }

    @Test
    void shouldThrottleRegistrationsPerClientAddress() {
        String address = Logins.uniqueAddress();
        // a taken name costs no hash, but counts like any registration from the address
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                    .body(Map.of("username", "admin", "password", TestUsers.strongPassword()))
                    .post("/auth/register").then().statusCode(409).body("error", equalTo("conflict"));
        }
        Response refused = given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("username", TestUsers.uniqueName("late"), "password", TestUsers.strongPassword()))
                .post("/auth/register");
        refused.then().statusCode(429).body("error", equalTo("too_many_requests"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        org.junit.jupiter.api.Assertions.assertTrue(retryAfter > 800 && retryAfter <= 900, "rest of the window: " + retryAfter);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", Logins.uniqueAddress())
                .body(Map.of("username", TestUsers.uniqueName("other"), "password", TestUsers.strongPassword()))
                .post("/auth/register").then().statusCode(201);
    }
}
