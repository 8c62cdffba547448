package org.jwtauth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jwtauth.testing.ServiceProcess;

/**
 * The downstream examples (SPEC §13) verify this service's tokens offline from its JWKS:
 * {@code examples/downstream-quarkus} with SmallRye JWT and {@code examples/downstream-spring} with Spring
 * Security's resource server. Issuer, audience and the role checks hold, a tampered token is refused, and
 * a token of the key a rotation promoted is accepted. One service serves both tests.
 */
class DownstreamExampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path QUARKUS_EXAMPLE = Path.of("examples/downstream-quarkus").toAbsolutePath();
    private static final Path QUARKUS_JAR = QUARKUS_EXAMPLE.resolve("target/quarkus-app/quarkus-run.jar");
    private static final Path SPRING_EXAMPLE = Path.of("examples/downstream-spring").toAbsolutePath();
    private static final Path SPRING_JAR = SPRING_EXAMPLE.resolve("target/downstream-spring-0.1.0-SNAPSHOT.jar");
    private static final String SPRING_JWT = "-Dspring.security.oauth2.resourceserver.jwt.";
    private static final String ISSUER = "https://auth.downstream.test";
    private static final String AUDIENCE = "orders-api";
    private static final String ADMIN_PASSWORD = "Downstream-Operator-Key-2026-z4";
    private static final String USER_PASSWORD = "Kx81-Vq27-Lm55-orders";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path root;

    private static ServiceProcess service;

    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeAll
    static void startServiceWithAUser() throws Exception {
        service = ServiceProcess.in(root.resolve("service"))
                .property("quarkus.http.port", Integer.toString(FixedPorts.next()))
                .property("quarkus.management.port", Integer.toString(FixedPorts.next()))
                .env(Map.of("AUTH_KEYS_MASTER_KEY", ServiceProcess.MASTER_KEY, "AUTH_ISSUER", ISSUER, "AUTH_AUDIENCE", AUDIENCE,
                        "AUTH_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD))
                .start();
        String admin = accessToken(service.postJson("/auth/login", login("admin", ADMIN_PASSWORD)));
        HttpResponse<String> created = service.send(HttpRequest.newBuilder(service.uri("/admin/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"ulla\",\"password\":\"" + USER_PASSWORD + "\",\"roles\":[\"user\"]}")));
        assertEquals(201, created.statusCode(), created.body());
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @AfterEach
    void stopWhatThisTestStarted() throws Exception {
        for (AutoCloseable process : started) {
            process.close();
        }
    }

    @Test
    void shouldBeTrustedByTheDownstreamQuarkusExample() throws Exception {
        buildExampleIfStale(QUARKUS_EXAMPLE, QUARKUS_JAR);
        int port = FixedPorts.next();
        Process example = launch("quarkus", List.of(java(), "-Xmx64m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dmp.jwt.verify.publickey.location=" + service.uri("/.well-known/jwks.json"),
                "-Dmp.jwt.verify.issuer=" + ISSUER, "-Dmp.jwt.verify.audiences=" + AUDIENCE,
                "-jar", QUARKUS_JAR.toString()));
        awaitUp(example, port, "quarkus");

        String admin = accessToken(service.postJson("/auth/login", login("admin", ADMIN_PASSWORD)));
        HttpResponse<String> mine = get(port, "/orders", admin);
        assertEquals(200, mine.statusCode(), mine.body() + log("quarkus"));
        assertEquals("admin", JSON.readTree(mine.body()).get("user").asText());
        assertEquals(200, get(port, "/orders/all", admin).statusCode(), "role admin from groups");

        String user = accessToken(service.postJson("/auth/login", login("ulla", USER_PASSWORD)));
        assertEquals(200, get(port, "/orders", user).statusCode());
        assertEquals(403, get(port, "/orders/all", user).statusCode(), "no admin role, no admin resource");

        assertEquals(401, get(port, "/orders", null).statusCode(), "no token");
        assertEquals(401, get(port, "/orders", tamperPayload(user)).statusCode(), "a payload changed after signing");
        assertEquals(401, get(port, "/orders", tamperSignature(user)).statusCode(), "a changed signature");

        String oldKid = kid(admin);
        String rotated = assertFollowsRotation(port, "/orders", admin, admin, "quarkus");
        System.out.printf("[downstream] accepted kid %s, then kid %s after the rotation; tampered tokens refused%n",
                oldKid, kid(rotated));

        // the README's Python (PyJWT) and Node (jose) configurations, against the same running service
        List<String> tokens = List.of(admin, rotated, tamperPayload(user), tamperSignature(user));
        String jwks = service.uri("/.well-known/jwks.json").toString();
        for (List<String> verifier : List.of(pythonVerifier(), nodeVerifier())) {
            List<String> answers = verify(verifier, List.of(jwks, ISSUER, AUDIENCE), tokens);
            assertEquals(4, answers.size(), verifier + ": " + answers);
            assertTrue(answers.get(0).startsWith("ok ") && answers.get(0).contains("admin"), verifier + ": " + answers);
            assertTrue(answers.get(1).startsWith("ok "), "the rotated key is picked up: " + answers);
            assertTrue(answers.get(2).startsWith("refused") && answers.get(3).startsWith("refused"), verifier + ": " + answers);
            List<String> otherAudience = verify(verifier, List.of(jwks, ISSUER, "billing-api"), List.of(admin));
            assertTrue(otherAudience.get(0).startsWith("refused"), "the audience is checked: " + otherAudience);
            System.out.printf("[downstream] %s: %s%n", verifier.get(0), answers);
        }
    }

    @Test
    void shouldBeTrustedByTheDownstreamSpringExample() throws Exception {
        buildExampleIfStale(SPRING_EXAMPLE, SPRING_JAR);
        // the service issues tokens for one audience only, so, as for jose and PyJWT, the audience check is
        // shown by a second instance that expects another one; both start at once
        long startedAt = System.nanoTime();
        int port = FixedPorts.next();
        int billingPort = FixedPorts.next();
        Process example = launch("spring", springExample(port, AUDIENCE));
        Process billing = launch("spring-billing", springExample(billingPort, "billing-api"));
        awaitUp(example, port, "spring");
        awaitUp(billing, billingPort, "spring-billing");
        System.out.printf("[downstream] spring: two instances up in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);

        String admin = accessToken(service.postJson("/auth/login", login("admin", ADMIN_PASSWORD)));
        String user = accessToken(service.postJson("/auth/login", login("ulla", USER_PASSWORD)));
        HttpResponse<String> mine = get(port, "/orders/mine", user);
        assertEquals(200, mine.statusCode(), mine.body() + log("spring"));
        JsonNode body = JSON.readTree(mine.body());
        assertEquals("ulla", body.get("user").asText());
        assertEquals(JSON.readTree(payload(user)).get("sub").asText(), body.get("subject").asText());
        assertEquals("[\"FACTOR_BEARER\",\"ROLE_user\"]", body.get("authorities").toString(),
                "groups became ROLE_ authorities");
        assertEquals(403, get(port, "/orders/all", user).statusCode(), "no admin role, no admin resource");
        HttpResponse<String> all = get(port, "/orders/all", admin);
        assertEquals(200, all.statusCode(), all.body() + log("spring"));
        assertEquals("admin", JSON.readTree(all.body()).get("user").asText());

        assertEquals(401, get(port, "/orders/mine", null).statusCode(), "no token");
        assertEquals(401, get(port, "/orders/mine", tamperPayload(user)).statusCode(), "a payload changed after signing");
        assertEquals(401, get(port, "/orders/mine", tamperSignature(user)).statusCode(), "a changed signature");
        HttpResponse<String> otherAudience = get(billingPort, "/orders/mine", user);
        assertEquals(401, otherAudience.statusCode(), "the audience is checked" + log("spring-billing"));
        assertTrue(otherAudience.headers().firstValue("WWW-Authenticate").orElse("").contains("aud"),
                "refused for its audience: " + otherAudience.headers().map());

        String oldKid = kid(user);
        String rotated = assertFollowsRotation(port, "/orders/mine", user, admin, "spring");
        System.out.printf("[downstream] spring: accepted kid %s, then kid %s after the rotation; tampered tokens"
                + " and another audience refused; %.1f s in all%n", oldKid, kid(rotated), (System.nanoTime() - startedAt) / 1e9);
    }

    private List<String> springExample(int port, String audience) {
        return List.of(java(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dserver.port=" + port, "-Dserver.address=127.0.0.1",
                SPRING_JWT + "jwk-set-uri=" + service.uri("/.well-known/jwks.json"),
                SPRING_JWT + "issuer-uri=" + ISSUER, SPRING_JWT + "audiences=" + audience,
                "-jar", SPRING_JAR.toString());
    }

    /** Starts an example in a folder of its own, its output in {@code <name>.log}; stopped after the test. */
    private Process launch(String name, List<String> command) throws IOException {
        Process example = new ProcessBuilder(command)
                .directory(Files.createDirectories(root.resolve(name)).toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve(name + ".log").toFile()).start();
        started.add(() -> {
            example.destroy();
            if (!example.waitFor(20, TimeUnit.SECONDS)) {
                example.destroyForcibly();
            }
        });
        return example;
    }

    /** {@code POST /admin/keys/rotate}, then a new token for the user, signed by the promoted key. */
    /**
     * Rotates the signing key and shows the example at {@code path} accepting a token of the promoted
     * key (the answer names its kid) and still the {@code previous} one; returns the new token.
     */
    private static String assertFollowsRotation(int port, String path, String previous, String admin, String name)
            throws Exception {
        String rotated = rotateAndLogInAgain(admin);
        assertNotEquals(kid(previous), kid(rotated), "the new token is signed by the promoted key");
        HttpResponse<String> afterRotation = get(port, path, rotated);
        assertEquals(200, afterRotation.statusCode(), afterRotation.body() + log(name));
        assertEquals(kid(rotated), JSON.readTree(afterRotation.body()).get("kid").asText());
        assertEquals(200, get(port, path, previous).statusCode(), "a token of the previous key stays valid");
        return rotated;
    }

    private static String rotateAndLogInAgain(String admin) throws Exception {
        HttpResponse<String> rotate = service.send(HttpRequest.newBuilder(service.uri("/admin/keys/rotate"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, rotate.statusCode(), rotate.body());
        return accessToken(service.postJson("/auth/login", login("ulla", USER_PASSWORD)));
    }

    private static List<String> pythonVerifier() {
        // Debian's interpreter, where the python3-jwt package installs PyJWT
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        return List.of(python, Path.of("examples/python-pyjwt/verify_token.py").toAbsolutePath().toString());
    }

    private static List<String> nodeVerifier() throws Exception {
        Path example = Path.of("examples/node-jose").toAbsolutePath();
        if (!Files.isDirectory(example.resolve("node_modules/jose"))) {
            Path log = Files.createTempFile("npm-install", ".log");
            Process npm = new ProcessBuilder("npm", "install", "--no-package-lock", "--no-audit", "--no-fund")
                    .directory(example.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(npm.waitFor(3, TimeUnit.MINUTES) && npm.exitValue() == 0, "npm install:\n" + Files.readString(log));
        }
        return List.of("node", example.resolve("verify-token.mjs").toString());
    }

    /** Runs a verifier with the tokens on its standard input, one per line; answers its lines. */
    private static List<String> verify(List<String> verifier, List<String> arguments, List<String> tokens) throws Exception {
        List<String> command = new ArrayList<>(verifier);
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var input = process.getOutputStream()) {
            input.write((String.join("\n", tokens) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " finishes");
        assertEquals(0, process.exitValue(), command + ":\n" + output);
        return output.lines().filter(l -> l.startsWith("ok") || l.startsWith("refused")).toList();
    }

    private static void buildExampleIfStale(Path example, Path jar) throws Exception {
        if (Files.exists(jar) && newestSource(example).compareTo(Files.getLastModifiedTime(jar)) < 0) {
            return;
        }
        String mavenHome = System.getProperty("maven.home");
        Path mvn = mavenHome == null ? Path.of("mvn") : Path.of(mavenHome, "bin", "mvn");
        List<String> command = List.of(mvn.toString(), "-B", "-q", "-f", example.resolve("pom.xml").toString(),
                "package", "-DskipTests");
        // offline first: the example needs nothing the service's own build (or an earlier run) has not fetched
        List<String> offline = new ArrayList<>(command);
        offline.add("-o");
        Path log = Files.createTempFile("downstream-build", ".log");
        if (run(offline, log) != 0) {
            assertEquals(0, run(command, log), example.getFileName() + " builds:\n" + Files.readString(log));
        }
    }

    private static int run(List<String> command, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the JDK running this test (25, as the service needs), whatever JAVA_HOME the shell had
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process build = builder.start();
        assertTrue(build.waitFor(5, TimeUnit.MINUTES), "the example builds within 5 minutes");
        return build.exitValue();
    }

    private static FileTime newestSource(Path example) throws IOException {
        try (Stream<Path> files = Stream.concat(Stream.of(example.resolve("pom.xml")), Files.walk(example.resolve("src")))) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).max(FileTime::compareTo).orElseThrow();
        }
    }

    private static void awaitUp(Process example, int port, String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(example.isAlive(), "the example exited:\n" + log(name));
            try {
                if (get(port, "/orders/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the example did not start:\n" + log(name));
    }

    private static String log(String name) throws IOException {
        return "\n--- " + name + " log ---\n" + Files.readString(root.resolve(name + ".log"));
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login(String username, String password) throws IOException {
        return JSON.writeValueAsString(Map.of("username", username, "password", password));
    }

    private static String accessToken(HttpResponse<String> answer) throws IOException {
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).get("access_token").asText();
    }

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String kid(String token) throws IOException {
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        return header.get("kid").asText();
    }

    /** The same token with its username changed to {@code admin}, signature kept. */
    private static String tamperPayload(String token) throws IOException {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"ulla\"", "\"admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
    }

    private static String tamperSignature(String token) {
        int last = token.length() - 5;
        char flipped = token.charAt(last) == 'A' ? 'B' : 'A';
        return token.substring(0, last) + flipped + token.substring(last + 1);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
