package org.jwtauth.common.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.jwtauth.testing.NoDatabase;
import io.restassured.http.ContentType;

/** {@code X-Request-Id}: taken from the caller when safe, generated otherwise, answered and logged (SPEC §8). */
@NoDatabase
@QuarkusTest
class RequestIdFilterTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void shouldAnswerTheCallersRequestId() {
        given().header("X-Request-Id", "trace-42.a:b").get("/api/public")
                .then().statusCode(200).header("X-Request-Id", "trace-42.a:b");
    }

    @Test
    void shouldGenerateARequestIdWhenNoneIsSent() {
        String first = given().get("/api/public").then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID_PATTERN)).extract().header("X-Request-Id");
        String second = given().get("/api/public").then().extract().header("X-Request-Id");
        assertNotEquals(first, second);
    }

    @Test
    void shouldReplaceAnUnsafeOrOverlongRequestId() {
        for (String bad : List.of("has space", "quote\"d", "x".repeat(RequestIdFilter.MAX_LENGTH + 1), "<script>", "")) {
            given().header("X-Request-Id", bad).get("/api/public")
                    .then().statusCode(200).header("X-Request-Id", matchesPattern(UUID_PATTERN));
        }
    }

    @Test
    void shouldCarryTheRequestIdOnErrorsAndRefusals() {
        given().header("X-Request-Id", "err-1").get("/no/such/path")
                .then().statusCode(404).header("X-Request-Id", "err-1").body("error", equalTo("not_found"));
        given().header("X-Request-Id", "err-2").auth().oauth2("garbage").get("/api/user")
                .then().statusCode(401).header("X-Request-Id", "err-2");
        given().header("X-Request-Id", "err-3").contentType(ContentType.JSON).body("x".repeat(20_000))
                .post("/auth/login").then().statusCode(413).header("X-Request-Id", "err-3");
    }

    @Test
    void shouldPutTheRequestIdInTheLogLinesOfTheRequest() throws Exception {
        String id = "login-" + UUID.randomUUID();
        // a failed login writes audit log lines on a worker thread, after the event loop handed it over
        given().header("X-Request-Id", id).contentType(ContentType.JSON)
                .body(Map.of("username", "nobody-" + id.substring(6, 14), "password", "wrong-password-123"))
                .post("/auth/login").then().statusCode(401).header("X-Request-Id", id);
        Path log = Path.of("target/quarkus-test.log");
        List<String> lines = await("the audit line of the login, carrying the id").atMost(Duration.ofSeconds(5))
                .until(() -> Files.readAllLines(log).stream().filter(l -> l.contains(id)).toList(),
                        found -> found.stream().anyMatch(l -> l.contains("audit")));
        assertEquals(List.of(), lines.stream().filter(l -> !l.contains(id)).toList());
    }
}
