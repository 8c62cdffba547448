package org.jwtauth.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.ServiceProcess;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * SPEC §7 against the packaged service with the heap the Kubernetes manifest gives (96 MiB): a flood
 * of concurrent logins is answered 401, 429 or 503 only, never exhausts memory, and the service
 * stays ready and keeps answering token-protected requests meanwhile.
 */
class LoginFloodIT {

    private static final int LOGINS = 200;
    private static final String ADMIN_PASSWORD = "Flood-Operator-Key-2026-xyz!";
    private static final ObjectMapper JSON = new ObjectMapper();

    // under target/, not a temporary directory: the service's log stays for reading after a failure
    private final Path workDir = Path.of("target/login-flood-it").toAbsolutePath();

    @Test
    void shouldAnswerAFloodOfLoginsWithoutServerErrorsAndStayHealthy() throws Exception {
        Map<String, String> settings = Map.of(
                "auth.keys.master-key", ServiceProcess.MASTER_KEY,
                "auth.issuer", "https://flood.test.example",
                "auth.bootstrap.admin.password", ADMIN_PASSWORD,
                "auth.client-address.trusted-proxies", "127.0.0.1",
                "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:flood;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        try (ServiceProcess service = ServiceProcess.in(workDir).jvm("-Xmx96m", "-Xlog:gc:file=gc.log")
                .properties(settings).start()) {
            HttpResponse<String> login = service.postJson("/auth/login",
                    "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
            assertEquals(200, login.statusCode(), login.body());
            String token = JSON.readTree(login.body()).get("access_token").asText();

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                HttpRequest request = HttpRequest.newBuilder(service.uri("/auth/login"))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", "10.77." + (i / 250) + "." + (i % 250 + 1))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"nobody-" + i + "\",\"password\":\"made-up-password-" + i + "\"}"))
                        .build();
                flood.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }

            // while logins are still waiting: ready stays 200 and a bearer request is answered
            boolean answeredDuringFlood = false;
            while (flood.stream().anyMatch(f -> !f.isDone())) {
                assertEquals(200, service.health("/q/health/ready").statusCode(), "ready during the flood");
                HttpResponse<String> user = service.get("/api/user", token);
                assertEquals(200, user.statusCode(), user.body());
                answeredDuringFlood |= flood.stream().anyMatch(f -> !f.isDone());
            }
            assertTrue(answeredDuringFlood, "GET /api/user was answered while logins were still running");

            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> future : flood) {
                HttpResponse<String> response = future.join();
                statuses.merge(response.statusCode(), 1, Integer::sum);
                assertTrue(Set.of(401, 429, 503).contains(response.statusCode()),
                        response.statusCode() + " " + response.body());
                if (response.statusCode() == 503) {
                    assertEquals("temporarily_unavailable", JSON.readTree(response.body()).get("error").asText());
                    assertTrue(JSON.readTree(response.body()).hasNonNull("error_description"));
                    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                }
            }
            System.out.println("Login flood answers: " + statuses);

            assertEquals(200, service.health("/q/health/ready").statusCode());
            assertEquals(200, service.get("/api/user", token).statusCode());
            String log = service.log();
            assertFalse(log.contains("OutOfMemoryError"), "no OutOfMemoryError in the log");
            assertFalse(log.contains("\tat ") || log.contains("\\tat "), "no stack trace in the log");
            assertFalse(log.contains("server_error"), "no 500 answered");
        }
    }
}
