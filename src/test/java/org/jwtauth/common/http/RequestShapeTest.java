package org.jwtauth.common.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The shape rules of every JSON body (RequestCheck): each broken rule is named in one exact
 * {@code 400 invalid_request}, before any service runs; several are sorted and joined by "; ".
 */
@QuarkusTest
@NoDatabase
class RequestShapeTest {

    private static final String USERNAME_RULE = "username: must be 3 to 64 of the characters A-Z a-z 0-9 . _ @ -";
    private static final String ROLE_RULE = "roles: role names are 1 to 64 of a-z 0-9 _ -";

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON);
    }

    private static void refused(ValidatableResponse answer, String description) {
        answer.statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo(description));
    }

    @Test
    void shouldNameEachMissingFieldOfANewUserInOrder() {
        refused(asAdmin().body("{}").post("/admin/users").then(),
                "password: must not be null; username: must not be null");
    }

    @Test
    void shouldRefuseAMissingBody() {
        refused(asAdmin().body("null").post("/admin/users").then(), "The request body is missing.");
        refused(asAdmin().body("null").post("/admin/clients").then(), "The request body is missing.");
    }

    @Test
    void shouldRefuseABadUsernameAndBadRolesTogether() {
        Map<String, Object> body = Map.of("username", "ab", "password", TestUsers.strongPassword(), "roles", List.of("Ops"));
        refused(asAdmin().body(body).post("/admin/users").then(), ROLE_RULE + "; " + USERNAME_RULE);
    }

    @Test
    void shouldRefuseMoreThan64RolesAndANullRole() {
        Map<String, Object> many = Map.of("username", TestUsers.uniqueName("many"), "password", TestUsers.strongPassword(),
                "roles", Collections.nCopies(65, "user"));
        refused(asAdmin().body(many).post("/admin/users").then(), "roles: must hold at most 64 items");
        refused(asAdmin().body("{\"roles\":[null]}").patch("/admin/users/" + UUID.randomUUID()).then(), ROLE_RULE);
    }

    @Test
    void shouldRefuseABadClientIdMissingRolesAndANullRedirectUri() {
        Map<String, Object> body = new HashMap<>();
        body.put("client_id", "no spaces");
        body.put("redirect_uris", Arrays.asList("https://app.example/cb", null));
        refused(asAdmin().body(body).post("/admin/clients").then(),
                "client_id: must be 3 to 64 of the characters A-Z a-z 0-9 . _ -; redirect_uris: must not hold null;"
                        + " roles: must not be null");
    }

    @Test
    void shouldRefuseALoginWithoutPassword() {
        refused(given().contentType(ContentType.JSON).body("{\"username\":\"someone\"}").post("/auth/login").then(),
                "password: must not be null");
    }

    @Test
    void shouldRefuseAPasswordChangeWithoutBothPasswords() {
        refused(given().auth().oauth2(TestUsers.tokenWithRoles("user")).contentType(ContentType.JSON).body("{}")
                        .put("/users/me/password").then(),
                "current_password: must not be null; new_password: must not be null");
    }
}
