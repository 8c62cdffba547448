package org.jwtauth.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwtauth.testing.Logins.login;
import static org.jwtauth.testing.Logins.passwordGrant;
import static org.jwtauth.testing.Logins.uniqueAddress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;
import org.jwtauth.testing.LogCapture;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * SPEC §6, §7: no token, password, secret or hash reaches a log line, an audit record or an error
 * message. Runs the flows that handle secrets (good and bad) while capturing the service's log,
 * then searches the log, the audit trail and every answer for each secret it used.
 */
@NoDatabase
@QuarkusTest
class NoSecretsInLogsTest {

    // what any JWT or Argon2 hash looks like, whoever made it
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}");
    private static final Pattern HASH = Pattern.compile("\\$argon2|\\$2[aby]\\$");

    private final List<String> secrets = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();

    private String secret(String value) {
        secrets.add(value);
        return value;
    }

    private Response answer(Response response) {
        answers.add(response.asString());
        return response;
    }

    @Test
    void shouldKeepEverySecretOutOfLogsAuditAndErrors() throws IOException {
        String adminToken = secret(TestUsers.adminToken());
        String username = TestUsers.uniqueName("leak");
        String password = secret(TestUsers.strongPassword());
        String address = uniqueAddress();
        String log;
        try (LogCapture capture = LogCapture.start()) {
            TestUsers.create(username, password, "user");
            String access = secret(answer(login(username, password, address)).path("access_token"));
            answer(passwordGrant(username, password, address));
            answer(login(username, secret(TestUsers.strongPassword()), address));
            answer(login(TestUsers.uniqueName("nobody"), secret(TestUsers.strongPassword()), address));
            badBodies(username, password);
            clientFlows(adminToken);
            tokenAbuse(access);
            String newPassword = secret(TestUsers.strongPassword());
            answer(given().auth().oauth2(access).contentType(ContentType.JSON)
                    .body(Map.of("current_password", password, "new_password", newPassword))
                    .put("/users/me/password"));
            answer(given().auth().oauth2(access).contentType(ContentType.JSON)
                    .body(Map.of("current_password", secret(TestUsers.strongPassword()), "new_password", "short"))
                    .put("/users/me/password"));
            answer(given().contentType(ContentType.JSON)
                    .body(Map.of("username", TestUsers.uniqueName("reg"), "password", secret(TestUsers.strongPassword())))
                    .post("/auth/register"));
            for (int i = 0; i < 6; i++) {
                answer(login(username, password, address)); // the old password, until the lock answers 429
            }
            log = capture.text();
        }
        String audit = given().auth().oauth2(TestUsers.adminToken()).queryParam("size", 200).get("/admin/audit").asString();

        assertTrue(log.contains("type=LOGIN_SUCCESS") && log.contains(username), "the capture saw the service's log");
        assertTrue(audit.contains(username), "the audit trail lists the run");
        assertClean("the log", log);
        assertClean("the audit trail", audit);
        for (String answer : answers) {
            assertClean("an answer", answer.replaceAll("\"(access_token|refresh_token|client_secret)\":\"[^\"]*\"", ""));
        }
        Path file = Path.of("target/quarkus-test.log");
        if (Files.exists(file)) {
            // the whole run so far, every test class: nothing token- or hash-shaped at all
            String all = Files.readString(file, StandardCharsets.UTF_8);
            assertFalse(JWT.matcher(all).find(), "a JWT in target/quarkus-test.log");
            assertFalse(HASH.matcher(all).find(), "a password hash in target/quarkus-test.log");
        }
    }

    private void badBodies(String username, String password) {
        answer(given().contentType(ContentType.JSON).body("{\"username\":\"" + username + "\",\"password\":\"" + password)
                .post("/auth/login"));
        answer(given().contentType(ContentType.JSON).body("{\"username\":\"" + username + "\",\"password\":[\"" + password + "\"]}")
                .post("/auth/login"));
        answer(given().contentType(ContentType.JSON).body("{\"grant_type\":\"password\",\"username\":1,\"password\":\"" + password + "\"}")
                .post("/auth/token"));
        answer(given().contentType(ContentType.URLENC).body("grant_type=password&username=" + username + "&password=" + password
                + "&password=" + password).post("/auth/token"));
        answer(given().contentType(ContentType.URLENC).body("grant_type=" + password).post("/auth/token"));
        answer(given().contentType(ContentType.URLENC).body("grant_type=password&username=" + username + "&password=%E0%A4%A"
                + password).post("/auth/token"));
    }

    private void clientFlows(String adminToken) {
        String clientId = TestUsers.uniqueName("leaky-client");
        String clientSecret = secret(answer(given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("client_id", clientId, "roles", List.of("user"))).post("/admin/clients")).path("client_secret"));
        secret(answer(given().contentType(ContentType.URLENC).auth().preemptive().basic(clientId, clientSecret)
                .formParam("grant_type", "client_credentials").post("/auth/token")).path("access_token"));
        answer(given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret("wrong-" + clientSecret)).post("/auth/token"));
        answer(given().contentType(ContentType.URLENC).header("Authorization", "Basic !!" + clientSecret)
                .formParam("grant_type", "client_credentials").post("/auth/token"));
    }

    private void tokenAbuse(String access) {
        String[] parts = access.split("\\.");
        answer(given().header("Authorization", "Bearer " + parts[0] + "." + parts[1] + ".AAAA").get("/api/user"));
        answer(given().header("Authorization", "Bearer " + access + "x").get("/api/user"));
        answer(given().header("Authorization", "Bearer " + access + "." + access).get("/api/user"));
        answer(given().queryParam("access_token", access).get("/api/user"));
        answer(given().header("Authorization", "Bearer " + access).header("Authorization", "Bearer " + access).get("/api/user"));
        answer(given().auth().oauth2(access).get("/admin/users"));
    }

    private void assertClean(String where, String text) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), where + " contains a secret the test used");
        }
        assertFalse(JWT.matcher(text).find(), where + " contains a JWT");
        assertFalse(HASH.matcher(text).find(), where + " contains a password hash");
    }
}
