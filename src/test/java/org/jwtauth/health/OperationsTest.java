package org.jwtauth.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Health, OpenAPI and metrics endpoints (SPEC §8); health and metrics on the management port only. */
@QuarkusTest
class OperationsTest {

    @TestHTTPResource(value = "health/live", management = true)
    URL live;

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void shouldReportLiveness() {
        given().get(live).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldReportReadinessWithDatabaseAndSigningKey() {
        given().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("signing-key"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void shouldDescribeTheApiWithTheBearerScheme() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/auth/token'", notNullValue())
                .body("paths.'/admin/users'", notNullValue());
    }

    @Test
    void shouldServeSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void shouldExposePrometheusMetrics() {
        given().get("/api/public").then().statusCode(200);
        given().get(metrics).then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void shouldCountIssuedTokensLoginFailuresAndRejectionsByReason() {
        TestUsers.adminToken();
        given().contentType(ContentType.JSON).body(Map.of("username", "nobody-here", "password", "wrong-password-123"))
                .post("/auth/login").then().statusCode(401);
        given().auth().oauth2("garbage").get("/api/user").then().statusCode(401);
        given().get(metrics).then().statusCode(200)
                .body(containsString("auth_tokens_issued_total{grant=\"login\"}"))
                .body(containsString("auth_login_failures_total"))
                .body(containsString("auth_token_verification_failures_total{reason=\"malformed\"}"));
    }

    @Test
    void shouldNotServeHealthOrMetricsOnThePublicPort() {
        given().get("/q/health/ready").then().statusCode(404).body("error", equalTo("not_found"));
        given().get("/q/metrics").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void shouldAnswerUnknownPathWithJsonError() {
        given().get("/no/such/path").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void shouldSendNoSniffHeader() {
        given().get("/api/public").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }
}
