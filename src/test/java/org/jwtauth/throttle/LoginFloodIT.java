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
 * SPEC §7 against the packaged service with the JVM settings the Kubernetes manifest gives: a flood
 * of concurrent logins is answered 401, 429 or 503 only, never exhausts memory, and the service
 * stays ready and keeps answering token-protected requests meanwhile. Registrations from many
 * addresses run through the flood, so the password policy's dictionaries (about 25 MiB, loaded by
 * the first of them) share the heap with the hash slots' reused Argon2 memory (19 MiB each).
 */
class LoginFloodIT {

    private static final int LOGINS = 200;
    private static final int REGISTRATIONS = 20;
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
                "auth.registration.enabled", "true",
                "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:flood;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        try (ServiceProcess service = ServiceProcess.in(workDir).jvm(withGcLog(ServiceProcess.manifestJvmOptions()))
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
            List<CompletableFuture<HttpResponse<String>>> registrations = new ArrayList<>();
            for (int i = 0; i < REGISTRATIONS; i++) {
                registrations.add(client.sendAsync(registration(service, "flood-newcomer-" + i, "10.88.0." + (i + 1)),
                        HttpResponse.BodyHandlers.ofString()));
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
            Map<Integer, Integer> registered = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> future : registrations) {
                HttpResponse<String> response = future.join();
                registered.merge(response.statusCode(), 1, Integer::sum);
                // 503: no hash slot came free within auth.password.hash-wait, as for a login
                assertTrue(Set.of(201, 503).contains(response.statusCode()), response.statusCode() + " " + response.body());
            }
            System.out.println("Registrations during the flood: " + registered);
            HttpResponse<String> afterFlood = client.send(registration(service, "flood-latecomer", "10.88.1.1"), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, afterFlood.statusCode(), afterFlood.body());

            assertEquals(200, service.health("/q/health/ready").statusCode());
            assertEquals(200, service.get("/api/user", token).statusCode());
            String log = service.log();
            assertFalse(log.contains("OutOfMemoryError"), "no OutOfMemoryError in the log");
            assertFalse(log.contains("\tat ") || log.contains("\\tat "), "no stack trace in the log");
            assertFalse(log.contains("server_error"), "no 500 answered");
        }
    }

    private static String[] withGcLog(String[] options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.add("-Xlog:gc:file=gc.log");
        return all.toArray(String[]::new);
    }

    private static HttpRequest registration(ServiceProcess service, String username, String address) {
        return HttpRequest.newBuilder(service.uri("/auth/register"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"Newcomer-Pass-" + username.hashCode() + "-Qx\"}"))
                .build();
    }
}
