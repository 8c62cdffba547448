package org.jwtauth.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** SPEC §6: no change may leave the service without an enabled admin (own database: only the bootstrap admin). */
@QuarkusTest
@TestProfile(LastAdminTest.OwnDatabase.class)
class LastAdminTest {

    /**
     * A database of its own on H2, so the bootstrap admin is the only admin; on PostgreSQL the
     * restart for this profile cleans the test database (flyway clean-at-start), to the same effect.
     */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:last-admin;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        }
    }

    private static String adminId(String token) {
        return given().auth().oauth2(token).get("/users/me").then().statusCode(200).extract().path("id");
    }

    private static void assertLastAdmin(Response response) {
        response.then().statusCode(409)
                .body("error", equalTo("conflict"))
                .body("error_description", equalTo("This would leave no enabled user with the role admin."));
    }

    private static Response patch(String token, String id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).patch("/admin/users/" + id);
    }

    @Test
    void shouldRefuseToDemoteDisableOrDeleteTheLastAdmin() {
        String token = TestUsers.adminToken();
        String id = adminId(token);

        assertLastAdmin(patch(token, id, Map.of("roles", List.of("user"))));
        assertLastAdmin(patch(token, id, Map.of("enabled", false)));
        assertLastAdmin(given().auth().oauth2(token).delete("/admin/users/" + id));

        // nothing was half-changed: the token still works and the user is unchanged
        given().auth().oauth2(token).get("/admin/users/" + id).then().statusCode(200)
                .body("enabled", equalTo(true)).body("roles", org.hamcrest.Matchers.hasItem("admin"));
    }

    @Test
    void shouldLetOnlyOneOfTwoAdminsDemotingEachOtherAtOnceSucceed() {
        String firstToken = TestUsers.adminToken();
        String firstId = adminId(firstToken);
        String username = TestUsers.uniqueName("second");
        String password = TestUsers.strongPassword();
        String secondId = TestUsers.create(username, password, "admin", "user");
        String secondToken = TestUsers.login(username, password);

        CompletableFuture<Response> a = CompletableFuture.supplyAsync(
                () -> patch(firstToken, secondId, Map.of("roles", List.of("user"))));
        CompletableFuture<Response> b = CompletableFuture.supplyAsync(
                () -> patch(secondToken, firstId, Map.of("roles", List.of("user"))));
        int first = a.join().statusCode();
        int second = b.join().statusCode();

        // the loser is refused as the last admin (409), or because its own token was just revoked (401)
        assertEquals(1, (first == 200 ? 1 : 0) + (second == 200 ? 1 : 0), "exactly one wins: " + first + ", " + second);
        int loser = first == 200 ? second : first;
        assertEquals(true, loser == 409 || loser == 401, "the loser's answer " + loser);
        // the winner is the one admin left; it restores the start state for the other test
        String survivor = first == 200 ? TestUsers.adminToken() : TestUsers.login(username, password);
        patch(survivor, firstId, Map.of("roles", List.of("admin", "user"))).then().statusCode(200);
        given().auth().oauth2(TestUsers.adminToken()).delete("/admin/users/" + secondId).then().statusCode(204);
    }
}
