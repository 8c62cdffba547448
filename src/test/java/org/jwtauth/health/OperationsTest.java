package org.jwtauth.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI and metrics endpoints (SPEC §8). */
@QuarkusTest
class OperationsTest {

    @Test
    void shouldReportLiveness() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldReportReadinessWithDatabaseAndSigningKey() {
        given().get("/q/health/ready").then().statusCode(200)
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
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
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
