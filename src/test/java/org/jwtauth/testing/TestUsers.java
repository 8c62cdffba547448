package org.jwtauth.testing;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

/** Creates users and logs in through the real endpoints, as a client of the service would. */
public final class TestUsers {

    public static final String ADMIN_USERNAME = "admin";
    /** Matches {@code %test.auth.bootstrap.admin.password}. */
    public static final String ADMIN_PASSWORD = "Test-Operator-Key-2026-xyz!";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestUsers() {
    }

    /** A fresh name, so test classes sharing one database never collide. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A random password that passes the policy. */
    public static String strongPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "pw-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String adminToken() {
        return login(ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/auth/login")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** Creates a user through the admin API and returns its id. */
    public static String create(String username, String password, String... roles) {
        return given().auth().oauth2(adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "roles", List.of(roles)))
                .post("/admin/users")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** Creates a user with the given roles and returns an access token for it. */
    public static String tokenWithRoles(String... roles) {
        String username = uniqueName("u");
        String password = strongPassword();
        create(username, password, roles);
        return login(username, password);
    }

    public static List<String> roles(String... roles) {
        return Arrays.asList(roles);
    }
}
