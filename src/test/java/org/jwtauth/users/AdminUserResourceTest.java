package org.jwtauth.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** User administration (SPEC §6) through /admin/users. */
@QuarkusTest
class AdminUserResourceTest {

    private String adminToken;

    @BeforeEach
    void logInAsAdmin() {
        adminToken = TestUsers.adminToken();
    }

    private io.restassured.specification.RequestSpecification asAdmin() {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON);
    }

    @Test
    void shouldCreateUserWithTheDocumentedShape() {
        String username = TestUsers.uniqueName("Bob");
        asAdmin().body(Map.of("username", username, "password", TestUsers.strongPassword(), "roles", List.of("user", "ops")))
                .post("/admin/users")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("ops", "user")))
                .body("enabled", equalTo(true))
                .body("created_at", notNullValue())
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("password_hash")));
    }

    @Test
    void shouldGiveRoleUserByDefault() {
        asAdmin().body(Map.of("username", TestUsers.uniqueName("d"), "password", TestUsers.strongPassword()))
                .post("/admin/users")
                .then().statusCode(201).body("roles", equalTo(List.of("user")));
    }

    @Test
    void shouldRefuseDuplicateUsernameCaseInsensitively() {
        String username = TestUsers.uniqueName("carol");
        TestUsers.create(username, TestUsers.strongPassword(), "user");
        asAdmin().body(Map.of("username", username.toUpperCase(), "password", TestUsers.strongPassword()))
                .post("/admin/users")
                .then().statusCode(409).body("error", equalTo("conflict"))
                .body("error_description", notNullValue());
    }

    @Test
    void shouldRefuseWeakPasswords() {
        String username = TestUsers.uniqueName("weak");
        for (String password : List.of("short-pass", "x".repeat(129), "passwordpassword", "aaaaaaaaaaaaaaaaaaaa",
                "123456789012345678", "my-" + username + "-is-long")) {
            asAdmin().body(Map.of("username", username, "password", password))
                    .post("/admin/users")
                    .then().statusCode(400).body("error", equalTo("invalid_password"))
                    .body("error_description", notNullValue())
                    .body("error_description", not(containsString(password)));
        }
        asAdmin().get("/admin/users?search=" + username).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldRefuseInvalidUsernamesAndRoles() {
        String password = TestUsers.strongPassword();
        for (String username : List.of("ab", "has space", "x".repeat(65), "semi;colon", "ünïcode")) {
            asAdmin().body(Map.of("username", username, "password", password)).post("/admin/users")
                    .then().statusCode(400).body("error", equalTo("invalid_request"))
                    .body("error_description", containsString("username"));
        }
        asAdmin().body(Map.of("username", TestUsers.uniqueName("r"), "password", password, "roles", List.of("Admin")))
                .post("/admin/users").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldRefuseMalformedAndMistypedBodies() {
        asAdmin().body("{\"username\":").post("/admin/users").then().statusCode(400).body("error", equalTo("invalid_request"));
        asAdmin().body("{\"username\":\"abcdef\",\"password\":12345}").post("/admin/users")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        asAdmin().body("{\"username\":\"abcdef\"}").post("/admin/users")
                .then().statusCode(400).body("error_description", containsString("password"));
        asAdmin().body("{\"username\":\"abcdef\",\"password\":\"" + TestUsers.strongPassword() + "\",\"roles\":\"user\"}")
                .post("/admin/users").then().statusCode(400).body("error", equalTo("invalid_request"));
        asAdmin().body("").post("/admin/users").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldGetPatchAndDeleteUser() {
        String username = TestUsers.uniqueName("erin");
        String password = TestUsers.strongPassword();
        String id = TestUsers.create(username, password, "user");
        asAdmin().get("/admin/users/" + id).then().statusCode(200).body("username", equalTo(username));
        asAdmin().body(Map.of("roles", List.of("user", "auditor"))).patch("/admin/users/" + id)
                .then().statusCode(200).body("roles", equalTo(List.of("auditor", "user"))).body("enabled", equalTo(true));
        asAdmin().body(Map.of("enabled", false)).patch("/admin/users/" + id)
                .then().statusCode(200).body("enabled", equalTo(false)).body("roles", hasSize(2));
        asAdmin().body(Map.of("enabled", true)).patch("/admin/users/" + id).then().statusCode(200);
        TestUsers.login(username, password);
        asAdmin().delete("/admin/users/" + id).then().statusCode(204);
        asAdmin().get("/admin/users/" + id).then().statusCode(404).body("error", equalTo("not_found"));
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/auth/login").then().statusCode(401);
    }

    @Test
    void shouldRefuseBadPatchBodies() {
        String id = TestUsers.create(TestUsers.uniqueName("f"), TestUsers.strongPassword(), "user");
        asAdmin().body("{\"enabled\":\"yes\"}").patch("/admin/users/" + id).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        asAdmin().body("{\"roles\":[\"NOT VALID\"]}").patch("/admin/users/" + id).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldAnswer404ForUnknownAndMalformedIds() {
        asAdmin().get("/admin/users/" + UUID.randomUUID()).then().statusCode(404).body("error", equalTo("not_found"));
        asAdmin().body(Map.of("enabled", false)).patch("/admin/users/" + UUID.randomUUID()).then().statusCode(404);
        asAdmin().delete("/admin/users/" + UUID.randomUUID()).then().statusCode(404);
        asAdmin().get("/admin/users/not-a-uuid").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void shouldPageAndSearch() {
        String marker = "pg" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            TestUsers.create(marker + "-user" + i, TestUsers.strongPassword(), "user");
        }
        asAdmin().get("/admin/users?search=" + marker + "&page=0&size=2").then().statusCode(200)
                .body("items", hasSize(2)).body("page", equalTo(0)).body("size", equalTo(2)).body("total", equalTo(3))
                .body("items.username", everyItem(startsWith(marker)));
        asAdmin().get("/admin/users?search=" + marker.toUpperCase() + "&page=1&size=2").then().statusCode(200)
                .body("items", hasSize(1)).body("page", equalTo(1)).body("total", equalTo(3));
        asAdmin().get("/admin/users?size=5").then().statusCode(200).body("items.size()", lessThanOrEqualTo(5))
                .body("items.username", hasItem("admin"));
    }

    @Test
    void shouldTreatLikeWildcardsLiterally() {
        asAdmin().get("/admin/users?search=%25").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldRefuseBadPagingParameters() {
        asAdmin().get("/admin/users?page=-1").then().statusCode(400).body("error", equalTo("invalid_request"));
        asAdmin().get("/admin/users?size=0").then().statusCode(400).body("error", equalTo("invalid_request"));
        asAdmin().get("/admin/users?size=10000").then().statusCode(400).body("error", equalTo("invalid_request"));
        asAdmin().get("/admin/users?page=abc").then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("page: must be a whole number from 0 to 1000000."));
        // page × size would overflow an int without the bound
        asAdmin().get("/admin/users?page=200000000&size=200").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void shouldKeepUserAdministrationForAdmins() {
        String userToken = TestUsers.tokenWithRoles("user");
        given().auth().oauth2(userToken).get("/admin/users").then().statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"))
                .body("error", equalTo("insufficient_scope"));
        given().get("/admin/users").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer realm="));
        given().auth().oauth2("garbage").get("/admin/users").then().statusCode(401).body("error", equalTo("invalid_token"));
    }
}
