package org.jwtauth.common.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.jwtauth.testing.ServiceProcess;

/**
 * Property-based tests (SPEC §3, §7): random bytes, random JSON, random form fields, random headers
 * and random tokens against {@code /auth/token}, {@code /auth/login} and a protected resource never
 * get a 5xx, and every error the service answers carries the JSON error body.
 * <p>
 * jqwik is a JUnit Platform engine of its own, so Quarkus' JUnit Jupiter extension cannot start the
 * application for it: the packaged service is started as a separate process ({@link ServiceProcess})
 * and driven over real HTTP on loopback. Tries are bounded so the suite stays fast.
 */
class NoServerErrorPropertiesIT {

    private static final List<String> POST_PATHS = List.of("/auth/token", "/auth/login", "/auth/register");
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "te", "trailer", "http2-settings", "keep-alive");

    private static final String ADMIN_PASSWORD = "Fuzz-Operator-Key-2026-xyz!";
    private static ServiceProcess service;
    private static HttpClient client;
    private static String adminToken;

    @BeforeContainer
    static void startService() throws Exception {
        // lockout limits out of reach, so random credentials keep reaching the password check
        service = ServiceProcess.in(Path.of("target/fuzz-service"))
                .properties(Map.of(
                        "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:fuzz;DB_CLOSE_DELAY=-1",
                        "quarkus.log.console.json.enabled", "false",
                        "auth.issuer", "https://auth.fuzz.example",
                        "auth.keys.master-key", ServiceProcess.MASTER_KEY,
                        "auth.bootstrap.admin.password", ADMIN_PASSWORD,
                        "auth.lockout.max-failures", "1000000",
                        "auth.lockout.max-failures-per-address", "1000000"))
                .start();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        String login = "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}";
        HttpResponse<String> answer = send(HttpRequest.newBuilder(service.uri("/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)));
        assertTrue(answer.statusCode() == 200, "admin login: " + answer.body());
        adminToken = answer.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    @AfterContainer
    static void stopService() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertHandled(HttpResponse<String> answer) {
        int status = answer.statusCode();
        assertTrue(status < 500, "a " + status + " for " + answer.request().method() + " " + answer.request().uri()
                + ": " + answer.body());
        // errors the HTTP server itself produces before the application (431, 400 on a broken request line) may be bare
        if (status >= 400 && status != 431 && !answer.body().isEmpty()) {
            assertTrue(answer.body().contains("\"error\"") && answer.body().contains("\"error_description\""),
                    "a " + status + " without the JSON error body: " + answer.body());
        }
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void randomBytesNeverCauseAServerError(@ForAll("postPaths") String path, @ForAll("contentTypes") String contentType,
            @ForAll("bytes") byte[] body) throws Exception {
        assertHandled(send(HttpRequest.newBuilder(service.uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
    }

    @Property(tries = 80, shrinking = ShrinkingMode.BOUNDED)
    void randomJsonNeverCausesAServerError(@ForAll("postPaths") String path, @ForAll("jsonBodies") String json)
            throws Exception {
        assertHandled(send(HttpRequest.newBuilder(service.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void randomFormFieldsNeverCauseAServerError(@ForAll("formBodies") String form) throws Exception {
        assertHandled(send(HttpRequest.newBuilder(service.uri("/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))));
    }

    @Property(tries = 80, shrinking = ShrinkingMode.BOUNDED)
    void randomHeadersNeverCauseAServerError(@ForAll("anyPaths") String path, @ForAll("headerNames") String name,
            @ForAll("headerValues") String value, @ForAll boolean withValidToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).header(name, value);
        if (withValidToken && !name.equalsIgnoreCase("authorization")) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        if (path.startsWith("/auth/")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        assertHandled(send(request));
    }

    @Property(tries = 80, shrinking = ShrinkingMode.BOUNDED)
    void randomTokensAreRefusedWith401(@ForAll("tokens") String token) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(service.uri("/api/user"))
                .header("Authorization", "Bearer " + token));
        assertHandled(answer);
        assertTrue(answer.statusCode() == 401, "a " + answer.statusCode() + " for a random token");
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "), "challenge");
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> postPaths() {
        return Arbitraries.of(POST_PATHS);
    }

    @Provide
    Arbitrary<String> anyPaths() {
        return Arbitraries.of("/auth/token", "/auth/login", "/api/user", "/api/admin", "/api/claims", "/api/public",
                "/admin/audit", "/users/me");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/x-www-form-urlencoded", "text/plain",
                "application/json; charset=utf-16", "application/x-www-form-urlencoded; charset=latin1",
                "multipart/form-data; boundary=x", "application/octet-stream", "*/*", "application/json;;;");
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
    }

    @Provide
    Arbitrary<String> jsonBodies() {
        Arbitrary<String> document = json();
        Arbitrary<String> object = Arbitraries.maps(fieldNames(), json()).ofMaxSize(6).map(NoServerErrorPropertiesIT::object);
        Arbitrary<String> truncated = Combinators.combine(object, Arbitraries.integers().between(0, 200))
                .as((text, cut) -> text.substring(0, Math.min(cut, text.length())));
        return Arbitraries.frequencyOf(
                Tuple.of(2, document), Tuple.of(5, object), Tuple.of(2, truncated));
    }

    @Provide
    Arbitrary<String> formBodies() {
        Arbitrary<String> pair = Combinators.combine(fieldNames(), text())
                .as((name, value) -> URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
        Arbitrary<String> raw = Arbitraries.strings().withChars("=&%+;ab01").ofMaxLength(30);
        return Arbitraries.oneOf(pair, raw).list().ofMaxSize(8).map(parts -> String.join("&", parts));
    }

    @Provide
    Arbitrary<String> headerNames() {
        Arbitrary<String> random = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz-ABCXYZ0123456789_!#$%&'*+.^`|~")
                .ofMinLength(1).ofMaxLength(20);
        return Arbitraries.oneOf(random, Arbitraries.of("Authorization", "Content-Type", "Accept", "X-Forwarded-For",
                        "Forwarded", "Cookie", "Origin", "Accept-Encoding", "Content-Encoding", "X-HTTP-Method-Override"))
                .filter(name -> !RESTRICTED_HEADERS.contains(name.toLowerCase()));
    }

    @Provide
    Arbitrary<String> headerValues() {
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300);
        Arbitrary<String> bearer = tokens().map(t -> "Bearer " + t);
        Arbitrary<String> schemes = Arbitraries.of("Bearer", "bearer ", "Basic", "Basic !!!", "Basic YTpi", "Bearer  x",
                "gzip", "deflate, br", "application/json", "../../etc/passwd", "1.2.3.4, evil", "for=\"[::1]\"");
        return Arbitraries.oneOf(printable, bearer, schemes).map(String::strip).filter(s -> !s.isEmpty());
    }

    @Provide
    Arbitrary<String> tokens() {
        Arbitrary<String> segment = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.%")
                .ofMaxLength(120);
        Arbitrary<String> jsonSegment = json().map(j -> Base64.getUrlEncoder().withoutPadding()
                .encodeToString(j.getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(segment, jsonSegment).list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join(".", parts))
                .filter(t -> !t.isBlank());
    }

    private Arbitrary<String> fieldNames() {
        return Arbitraries.oneOf(
                Arbitraries.of("username", "password", "grant_type", "scope", "client_id", "client_secret", "refresh_token",
                        "roles", "token"),
                Arbitraries.strings().alpha().ofMaxLength(8));
    }

    private Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.of("password", "client_credentials", "refresh_token", "admin", "", " ", "user admin"),
                Arbitraries.strings().ofMaxLength(40));
    }

    private Arbitrary<String> json() {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                text().map(NoServerErrorPropertiesIT::quote),
                Arbitraries.of("0", "-1", "1e999", "123456789012345678901234567890", "1.5", "true", "false", "null"));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"),
                Arbitraries.maps(fieldNames(), inner).ofMaxSize(4).map(NoServerErrorPropertiesIT::object)), 0, 4);
    }

    private static String object(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
