package org.jwtauth.common.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwtauth.testing.NoDatabase;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** SPEC §7, §10: body limit on /auth/*, security headers on every answer, no banner, CORS off. */
@NoDatabase
@QuarkusTest
class HttpHardeningTest {

    private static final int LIMIT = 16 * 1024;

    @TestHTTPResource("/")
    URL root;

    /** A login body of exactly {@code size} bytes; the padding is split into strings under the 8 KiB string limit. */
    private static String jsonOfSize(int size) {
        String head = "{\"username\":\"someone\",\"password\":\"wrong\",\"padding\":[";
        StringBuilder json = new StringBuilder(head);
        int left = size - head.length() - 2;
        while (left > 0) {
            String separator = json.length() > head.length() ? "," : "";
            // each element costs its quotes and separator; never more than 4 KiB of text per string
            int text = Math.max(0, Math.min(4096, left - 2 - separator.length()));
            json.append(separator).append('"').append("x".repeat(text)).append('"');
            left -= text + 2 + separator.length();
        }
        return json.append("]}").toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/auth/login", "/auth/token", "/auth/register"})
    void shouldAnswer413WithJsonForADeclaredOversizedBody(String path) {
        given().contentType(ContentType.JSON).body(jsonOfSize(LIMIT + 1)).post(path).then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("error", equalTo("request_too_large"))
                .body("error_description", containsString("16384 bytes"));
    }

    @Test
    void shouldAnswer413ForAChunkedBodyWithoutContentLength() throws Exception {
        byte[] body = jsonOfSize(LIMIT * 4).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(root.toURI().resolve("/auth/login"))
                .header("Content-Type", "application/json")
                // a stream of unknown length goes out chunked, with no Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(response.body().contains("\"error\":\"request_too_large\""), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/auth/token|application/json", "/auth/token|application/x-www-form-urlencoded",
            "/auth/login|application/json", "/auth/register|application/json"})
    void shouldAnswerAnEmptyBodyAt400WithoutWaiting(String pathAndType) throws Exception {
        String[] parts = pathAndType.split("\\|");
        HttpRequest request = HttpRequest.newBuilder(root.toURI().resolve(parts[0]))
                .header("Content-Type", parts[1])
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\":\"invalid_request\""), response.body());
    }

    @Test
    void shouldAcceptABodyJustUnderTheLimit() {
        given().contentType(ContentType.JSON).body(jsonOfSize(LIMIT)).post("/auth/login").then()
                .statusCode(401)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void shouldAcceptLargerBodiesOutsideAuthUpTo64KiB() {
        String padding = "\"" + "y".repeat(4000) + "\"";
        String list = String.join(",", java.util.Collections.nCopies(8, padding)); // about 32 KiB, over the /auth limit
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body("{\"username\":\"" + TestUsers.uniqueName("big") + "\",\"password\":\"" + TestUsers.strongPassword()
                        + "\",\"padding\":[" + list + "]}")
                .post("/admin/users").then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/public", "/api/user", "/no/such/path", "/.well-known/jwks.json", "/q/openapi"})
    void shouldSendSecurityHeadersAndNoBannerOnEveryAnswer(String path) {
        given().get(path).then()
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Server", nullValue())
                .header("X-Powered-By", nullValue());
    }

    @Test
    void shouldForbidCachingOfTokenAnswersAndTheirErrors() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + TestUsers.ADMIN_USERNAME + "\",\"password\":\"" + TestUsers.ADMIN_PASSWORD + "\"}")
                .post("/auth/login").then()
                .statusCode(200)
                .header("Cache-Control", "no-store");
        given().contentType(ContentType.URLENC).formParam("grant_type", "nonsense").post("/auth/token").then()
                .statusCode(400)
                .header("Cache-Control", "no-store");
    }

    @Test
    void shouldAnswerCorsPreflightWithoutAllowingAnyOrigin() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/auth/token").then()
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
        given().header("Origin", "https://evil.example").get("/api/public").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type=password&username=a&password=%E0%A4%A", "grant_type=%zz", "%", "a=%G1"})
    void shouldAnswer400ForBrokenPercentEncoding(String form) {
        given().contentType(ContentType.URLENC).body(form).post("/auth/token").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("The form body is not valid URL encoding."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=x", "&=&", "=", "a&=b"})
    void shouldAnswer400ForAFormFieldWithoutAName(String form) {
        given().contentType(ContentType.URLENC).body(form).post("/auth/token").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer .W1tdXQ", "application/", "/json"})
    void shouldAnswer400ForAContentTypeThatIsNotAMediaType(String contentType) throws Exception {
        // RestAssured refuses to send such a header, so the JDK client does
        HttpRequest request = HttpRequest.newBuilder(root.toURI().resolve("/auth/token"))
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpResponse<String> response = HttpClient.newBuilder().version(version).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"error\":\"invalid_request\""), response.body());
        }
    }

    @Test
    void shouldLogInOverHttp2AndHttp11Alike() throws Exception {
        String body = "{\"username\":\"" + TestUsers.ADMIN_USERNAME + "\",\"password\":\"" + TestUsers.ADMIN_PASSWORD + "\"}";
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpRequest request = HttpRequest.newBuilder(root.toURI().resolve("/auth/login"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = HttpClient.newBuilder().version(version).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), version + ": " + response.body());
        }
    }

    @Test
    void shouldNotRepeatAnUnsupportedGrantTypeBack() {
        given().contentType(ContentType.URLENC).formParam("grant_type", "my-secret-value").post("/auth/token").then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"))
                .body("error_description", not(containsString("my-secret-value")));
    }

    @Test
    void shouldNotEchoTheAllowHeaderAsAStackTrace() {
        given().get("/auth/token").then()
                .statusCode(405)
                .contentType(ContentType.JSON)
                .body("error", equalTo("method_not_allowed"))
                .body("error_description", not(containsString("Exception")));
    }
}
