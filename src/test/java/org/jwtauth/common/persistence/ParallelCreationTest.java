package org.jwtauth.common.persistence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Creations of one name racing each other: every request passes the "is it taken?" read before any
 * commits, so the database's unique key decides. Exactly one is created; the others get the same 409 a
 * late request gets, never a 5xx.
 */
@QuarkusTest
class ParallelCreationTest {

    private static final int CALLERS = 8;

    @Test
    void shouldCreateOneUserWhenEightAdminsCreateTheSameUsernameAtOnce() throws Exception {
        String admin = TestUsers.adminToken();
        String username = TestUsers.uniqueName("twin");
        String password = TestUsers.strongPassword();
        assertOneCreatedRestConflict(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/admin/users"),
                "That username is taken.");
    }

    @Test
    void shouldCreateOneClientWhenEightAdminsCreateTheSameClientIdAtOnce() throws Exception {
        String admin = TestUsers.adminToken();
        String clientId = TestUsers.uniqueName("twin-client");
        assertOneCreatedRestConflict(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("client_id", clientId, "roles", List.of("user"))).post("/admin/clients"),
                "That client_id is taken.");
    }

    private static void assertOneCreatedRestConflict(Callable<Response> create, String conflict) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return create.call();
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                if (response.statusCode() == 201) {
                    created++;
                } else {
                    assertEquals(409, response.statusCode(), response.asString());
                    assertEquals("conflict", response.jsonPath().getString("error"));
                    assertEquals(conflict, response.jsonPath().getString("error_description"));
                }
            }
            assertEquals(1, created, "exactly one creation");
        } finally {
            pool.shutdownNow();
        }
    }
}
