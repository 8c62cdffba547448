package org.jwtauth.clients;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestSessions;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** SPEC §5, §6: a deleted client and a rotated secret take the client's tokens with them, at once. */
@QuarkusTest
class ClientRevocationTest {

    private static Response clientToken(String clientId, String secret) {
        return given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials")
                .post("/auth/token");
    }

    private static String tokenOf(String clientId, String secret) {
        return clientToken(clientId, secret).then().statusCode(200).extract().path("access_token");
    }

    private static void assertRevoked(Response response) {
        response.then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"))
                .body("error_description", containsString("revoked"));
    }

    @Test
    void shouldRefuseADeletedClientsTokenAtOnce() {
        List<String> client = TestSessions.newClient("admin");
        String token = tokenOf(client.get(0), client.get(1));
        given().auth().oauth2(token).get("/admin/users").then().statusCode(200);

        given().auth().oauth2(TestUsers.adminToken()).delete("/admin/clients/" + client.get(0)).then().statusCode(204);

        assertRevoked(given().auth().oauth2(token).get("/admin/users"));
        clientToken(client.get(0), client.get(1)).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    // a grant times its token under the client's row lock and signs after its commit: a delete that
    // commits meanwhile must still refuse every token a racing grant hands out
    @Test
    void shouldLeaveNoUsableTokenWhenADeleteRacesSixteenGrants() throws Exception {
        List<String> client = TestSessions.newClient("admin");
        int issued = assertNoTokenOutlives(client, () -> given().auth().oauth2(TestUsers.adminToken())
                .delete("/admin/clients/" + client.get(0)).then().statusCode(204));
        assertTrue(issued >= 1, "the first grant finished before the delete");
    }

    // the same rule for a secret rotation: no grant made with the old secret outlives it
    @Test
    void shouldLeaveNoUsableTokenWhenASecretRotationRacesSixteenGrants() throws Exception {
        List<String> client = TestSessions.newClient("admin");
        int issued = assertNoTokenOutlives(client, () -> given().auth().oauth2(TestUsers.adminToken())
                .post("/admin/clients/" + client.get(0) + "/secret").then().statusCode(200));
        assertTrue(issued >= 1, "the first grant finished before the rotation");
    }

    /**
     * Sixteen client_credentials grants with the client's secret, the change made as soon as the first
     * answers: every token issued must be refused afterwards, every other grant refused as
     * invalid_client. Returns how many grants were issued.
     */
    private int assertNoTokenOutlives(List<String> client, Runnable change) {
        int grants = 16;
        ExecutorService pool = Executors.newFixedThreadPool(grants);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < grants; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return clientToken(client.get(0), client.get(1));
                }, pool));
            }
            start.countDown();
            CompletableFuture.anyOf(answers.toArray(CompletableFuture[]::new)).join();
            change.run();

            int issued = 0;
            for (CompletableFuture<Response> answer : answers) {
                Response response = answer.join();
                if (response.statusCode() == 200) {
                    issued++;
                    assertRevoked(given().auth().oauth2(response.<String>path("access_token")).get("/admin/users"));
                } else {
                    response.then().statusCode(401).body("error", equalTo("invalid_client"));
                }
            }
            return issued;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldShowANewSecretOnceAndRefuseTheOldSecretAndItsTokens() {
        List<String> client = TestSessions.newClient("user");
        String oldToken = tokenOf(client.get(0), client.get(1));

        Response rotated = given().auth().oauth2(TestUsers.adminToken()).post("/admin/clients/" + client.get(0) + "/secret");
        rotated.then().statusCode(200).header("Cache-Control", "no-store")
                .body("client_id", equalTo(client.get(0)))
                .body("client_secret", not(equalTo(client.get(1))));
        String newSecret = rotated.path("client_secret");
        assertNotEquals(client.get(1), newSecret);

        assertRevoked(given().auth().oauth2(oldToken).get("/api/user"));
        clientToken(client.get(0), client.get(1)).then().statusCode(401).body("error", equalTo("invalid_client"))
                .body("error_description", equalTo("Client authentication failed."));
        String newToken = tokenOf(client.get(0), newSecret);
        given().auth().oauth2(newToken).get("/api/user").then().statusCode(200);
        // the secret is never shown again
        given().auth().oauth2(TestUsers.adminToken()).get("/admin/clients/" + client.get(0)).then()
                .statusCode(200).body("client_secret", equalTo(null));
        given().auth().oauth2(TestUsers.adminToken()).queryParam("type", "CLIENT_SECRET_ROTATED").get("/admin/audit")
                .then().statusCode(200).body("items.details.client_id", org.hamcrest.Matchers.hasItem(client.get(0)))
                .body(not(containsString(newSecret)));
    }

    @Test
    void shouldAnswer404And403ForSecretRotation() {
        given().auth().oauth2(TestUsers.adminToken()).post("/admin/clients/no-such-client/secret").then()
                .statusCode(404).body("error", equalTo("not_found")).body("error_description", equalTo("Client not found."));
        List<String> client = TestSessions.newClient("user");
        given().auth().oauth2(TestUsers.tokenWithRoles("user")).post("/admin/clients/" + client.get(0) + "/secret")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
        given().post("/admin/clients/" + client.get(0) + "/secret").then().statusCode(401)
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void shouldRefuseAClientTokenAfterLogoutAllInTheSameSecondButNotTheNextOne() {
        List<String> client = TestSessions.newClient("user");
        String token = tokenOf(client.get(0), client.get(1));
        given().auth().oauth2(token).post("/auth/logout-all").then().statusCode(204);
        String next = tokenOf(client.get(0), client.get(1));
        assertRevoked(given().auth().oauth2(token).get("/api/user"));
        given().auth().oauth2(next).get("/api/user").then().statusCode(200);
    }
}
