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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jwtauth.testing.ServiceProcess;

/**
 * The downstream example ({@code examples/downstream-quarkus}, SPEC §13) verifies this service's tokens
 * offline from its JWKS with SmallRye JWT: issuer, audience and {@code @RolesAllowed} hold, a tampered
 * token is refused, and a token of the key a rotation promoted is accepted.
 */
class DownstreamExampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("examples/downstream-quarkus").toAbsolutePath();
    private static final Path EXAMPLE_JAR = EXAMPLE.resolve("target/quarkus-app/quarkus-run.jar");
    private static final String ISSUER = "https://auth.downstream.test";
    private static final String AUDIENCE = "orders-api";
    private static final String ADMIN_PASSWORD = "Downstream-Operator-Key-2026-z4";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path root;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopWhatThisTestStarted() throws Exception {
        for (AutoCloseable process : started) {
            process.close();
        }
    }

    @Test
    void shouldBeTrustedByTheDownstreamQuarkusExample() throws Exception {
        buildExampleIfStale();
        ServiceProcess service = ServiceProcess.in(root.resolve("service"))
                .property("quarkus.http.port", Integer.toString(FixedPorts.next()))
                .property("quarkus.management.port", Integer.toString(FixedPorts.next()))
                .env(Map.of("AUTH_KEYS_MASTER_KEY", ServiceProcess.MASTER_KEY, "AUTH_ISSUER", ISSUER, "AUTH_AUDIENCE", AUDIENCE,
                        "AUTH_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD))
                .start();
        started.add(service);
        int port = FixedPorts.next();
        Process example = new ProcessBuilder(java(), "-Xmx64m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dmp.jwt.verify.publickey.location=" + service.uri("/.well-known/jwks.json"),
                "-Dmp.jwt.verify.issuer=" + ISSUER, "-Dmp.jwt.verify.audiences=" + AUDIENCE,
                "-jar", EXAMPLE_JAR.toString())
                .directory(Files.createDirectories(root.resolve("example")).toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("example.log").toFile()).start();
        started.add(() -> {
            example.destroy();
            if (!example.waitFor(20, TimeUnit.SECONDS)) {
                example.destroyForcibly();
            }
        });
        awaitUp(example, port);

        String admin = accessToken(service.postJson("/auth/login", login("admin", ADMIN_PASSWORD)));
        HttpResponse<String> mine = get(port, "/orders", admin);
        assertEquals(200, mine.statusCode(), mine.body() + log());
        assertEquals("admin", JSON.readTree(mine.body()).get("user").asText());
        assertEquals(200, get(port, "/orders/all", admin).statusCode(), "role admin from groups");

        HttpResponse<String> created = service.send(HttpRequest.newBuilder(service.uri("/admin/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"ulla\",\"password\":\"Kx81-Vq27-Lm55-orders\",\"roles\":[\"user\"]}")));
        assertEquals(201, created.statusCode(), created.body());
        String user = accessToken(service.postJson("/auth/login", login("ulla", "Kx81-Vq27-Lm55-orders")));
        assertEquals(200, get(port, "/orders", user).statusCode());
        assertEquals(403, get(port, "/orders/all", user).statusCode(), "no admin role, no admin resource");

        assertEquals(401, get(port, "/orders", null).statusCode(), "no token");
        assertEquals(401, get(port, "/orders", tamperPayload(user)).statusCode(), "a payload changed after signing");
        assertEquals(401, get(port, "/orders", tamperSignature(user)).statusCode(), "a changed signature");

        String oldKid = kid(admin);
        HttpResponse<String> rotate = service.send(HttpRequest.newBuilder(service.uri("/admin/keys/rotate"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, rotate.statusCode(), rotate.body());
        String rotated = accessToken(service.postJson("/auth/login", login("ulla", "Kx81-Vq27-Lm55-orders")));
        assertNotEquals(oldKid, kid(rotated), "the new token is signed by the promoted key");
        HttpResponse<String> afterRotation = get(port, "/orders", rotated);
        assertEquals(200, afterRotation.statusCode(), afterRotation.body() + log());
        assertEquals(kid(rotated), JSON.readTree(afterRotation.body()).get("kid").asText());
        assertEquals(200, get(port, "/orders", admin).statusCode(), "a token of the previous key stays valid");
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

    private static void buildExampleIfStale() throws Exception {
        if (Files.exists(EXAMPLE_JAR) && newestSource().compareTo(Files.getLastModifiedTime(EXAMPLE_JAR)) < 0) {
            return;
        }
        String mavenHome = System.getProperty("maven.home");
        Path mvn = mavenHome == null ? Path.of("mvn") : Path.of(mavenHome, "bin", "mvn");
        List<String> command = List.of(mvn.toString(), "-B", "-q", "-f", EXAMPLE.resolve("pom.xml").toString(),
                "package", "-DskipTests");
        // offline first: the example needs nothing the service's own build has not already fetched
        List<String> offline = new ArrayList<>(command);
        offline.add("-o");
        Path log = Files.createTempFile("downstream-build", ".log");
        if (run(offline, log) != 0) {
            assertEquals(0, run(command, log), "the example builds:\n" + Files.readString(log));
        }
    }

    private static int run(List<String> command, Path log) throws Exception {
        Process build = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(build.waitFor(5, TimeUnit.MINUTES), "the example builds within 5 minutes");
        return build.exitValue();
    }

    private static FileTime newestSource() throws IOException {
        try (Stream<Path> files = Stream.concat(Stream.of(EXAMPLE.resolve("pom.xml")), Files.walk(EXAMPLE.resolve("src")))) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).max(FileTime::compareTo).orElseThrow();
        }
    }

    private void awaitUp(Process example, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(example.isAlive(), "the example exited:\n" + log());
            try {
                if (get(port, "/orders/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the example did not start:\n" + log());
    }

    private String log() throws IOException {
        return "\n--- example log ---\n" + Files.readString(root.resolve("example.log"));
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
