package org.jwtauth.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jwtauth.testing.ServiceProcess;

/**
 * Starts the packaged service the way the README does and configures it with the fixed setting
 * names of SPEC §8, as environment variables and as system properties.
 */
class ServiceLaunchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASTER_KEY = "k3Jx7b0Qe1S9n4TqLw2ZpA6uV8yC5dR0fH1gJ2mN3oQ=";

    @TempDir
    Path root;

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String loginBody(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    private static Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH_KEYS_MASTER_KEY", MASTER_KEY);
        return env;
    }

    @Test
    void shouldStartOnEmbeddedDatabaseConfiguredByEnvironmentAndKeepStateAcrossRestarts() throws Exception {
        Path workDir = Files.createDirectories(root.resolve("service"));
        Map<String, String> env = baseEnv();
        env.put("AUTH_ISSUER", "https://env.example");
        env.put("AUTH_AUDIENCE", "orders-api");
        env.put("AUTH_TOKEN_ACCESS_LIFETIME", "7M");
        env.put("AUTH_BOOTSTRAP_ADMIN_USERNAME", "operator");
        env.put("AUTH_REGISTRATION_ENABLED", "true");

        String token;
        String kid;
        String password;
        try (ServiceProcess service = ServiceProcess.in(workDir).env(env).start()) {
            password = service.generatedAdminPassword();
            assertNotNull(password, "a generated admin password is printed once");
            HttpResponse<String> login = service.postJson("/auth/login", loginBody("operator", password));
            assertEquals(200, login.statusCode(), login.body());
            assertEquals(420, json(login).get("expires_in").asInt());
            token = json(login).get("access_token").asText();
            JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            assertEquals("https://env.example", claims.get("iss").asText());
            assertEquals("orders-api", claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText());
            assertEquals(200, service.get("/api/admin", token).statusCode());
            HttpResponse<String> register = service.postJson("/auth/register",
                    loginBody("newcomer", "Xk29-vQp7-Lm44-Zr81"));
            assertEquals(201, register.statusCode(), register.body());
            assertEquals("https://env.example", json(service.get("/.well-known/openid-configuration")).get("issuer").asText());
            kid = json(service.get("/.well-known/jwks.json")).get("keys").get(0).get("kid").asText();
        }
        assertTrue(Files.isDirectory(workDir.resolve("data")), "the embedded database lives under ./data");

        // the restart takes its settings as system properties instead: the same keys, the other spelling
        Map<String, String> properties = Map.of("auth.keys.master-key", MASTER_KEY, "auth.issuer", "https://env.example",
                "auth.audience", "orders-api", "auth.token.access-lifetime", "3M",
                "auth.bootstrap.admin.username", "operator", "auth.registration.enabled", "false");
        try (ServiceProcess restarted = ServiceProcess.in(workDir).properties(properties).start()) {
            assertEquals(null, restarted.generatedAdminPassword(), "no second admin on restart");
            assertEquals(200, restarted.get("/api/admin", token).statusCode(), "tokens survive a restart");
            assertTrue(restarted.get("/.well-known/jwks.json").body().contains(kid));
            HttpResponse<String> login = restarted.postJson("/auth/login", loginBody("newcomer", "Xk29-vQp7-Lm44-Zr81"));
            assertEquals(200, login.statusCode(), login.body());
            assertEquals(180, json(login).get("expires_in").asInt(), "auth.token.access-lifetime as a system property");
            assertEquals(404, restarted.postJson("/auth/register", loginBody("someone", "Xk29-vQp7-Lm44-Zr82")).statusCode());
        }
    }

    @Test
    void shouldStopOnARefusedBootstrapPasswordAndCreateTheAdminOnceItIsFixed() throws Exception {
        Path workDir = Files.createDirectories(root.resolve("bootstrap"));
        Map<String, String> env = baseEnv();
        env.put("AUTH_BOOTSTRAP_ADMIN_PASSWORD", "password123"); // shorter than the 15 characters of the policy
        try (ServiceProcess weak = ServiceProcess.in(workDir).env(env).noWait().start()) {
            assertEquals(1, weak.awaitExit(Duration.ofSeconds(90)), "a refused bootstrap password stops the service");
            String log = weak.log();
            assertTrue(log.contains("Stopping: auth.bootstrap.admin.password is refused: The password must have at least 15 characters."), log);
            assertFalse(log.contains("Created the bootstrap admin"), log);
        }

        // the admin's password is checked and hashed after ready: a login at once waits for it, it is not refused
        env.put("AUTH_BOOTSTRAP_ADMIN_PASSWORD", "Launch-Operator-7f3Kq9");
        try (ServiceProcess fixed = ServiceProcess.in(workDir).env(env).start()) {
            HttpResponse<String> login = fixed.postJson("/auth/login", loginBody("admin", "Launch-Operator-7f3Kq9"));
            assertEquals(200, login.statusCode(), login.body());
            assertEquals(200, fixed.get("/api/admin", json(login).get("access_token").asText()).statusCode());
            assertTrue(fixed.log().contains("Created the bootstrap admin 'admin'"), fixed.log());
        }
    }

    @Test
    void shouldRunOnPostgresqlChosenAtRunTime() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("skipPgTests"), "PostgreSQL tests are skipped");
        Path workDir = Files.createDirectories(root.resolve("pg"));
        Map<String, String> env = baseEnv();
        env.put("QUARKUS_PROFILE", "prod,pg");
        env.put("QUARKUS_DATASOURCE_PG_JDBC_URL", System.getProperty("pg.test.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        env.put("QUARKUS_FLYWAY_PG_CLEAN_AT_START", "true");
        env.put("QUARKUS_FLYWAY_PG_CLEAN_DISABLED", "false");
        env.put("AUTH_BOOTSTRAP_ADMIN_PASSWORD", "Pg-Operator-Key-2026-xyz");
        try (ServiceProcess service = ServiceProcess.in(workDir).env(env).start()) {
            HttpResponse<String> ready = service.health("/q/health/ready");
            assertTrue(ready.body().contains("\"pg\""), ready.body());
            HttpResponse<String> login = service.postJson("/auth/login", loginBody("admin", "Pg-Operator-Key-2026-xyz"));
            assertEquals(200, login.statusCode(), login.body());
            assertEquals(200, service.get("/api/admin", json(login).get("access_token").asText()).statusCode());
            assertTrue(!service.log().contains("Pg-Operator-Key-2026-xyz"), "a configured password is never logged");
        }
        assertTrue(!Files.exists(workDir.resolve("data/auth.mv.db")), "no H2 file when PostgreSQL is chosen");
    }
}
