package org.jwtauth.common.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;
import org.jwtauth.testing.Logins;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** SPEC §7, §10: bodies are limited on every endpoint, and JSON in depth and string length; 413/400, never 5xx. */
@NoDatabase
@QuarkusTest
class BodyLimitTest {

    private static final String JSON_REFUSED = "The request body is not valid JSON of the expected shape.";

    @Test
    void shouldAnswer413ForABodyOver64KiBOnTheAdminApi() {
        String big = "{\"username\":\"" + TestUsers.uniqueName("big") + "\",\"password\":\"" + TestUsers.strongPassword()
                + "\",\"note\":\"" + "x".repeat(70 * 1024) + "\"}";
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON).body(big).post("/admin/users")
                .then().statusCode(413).contentType(ContentType.JSON)
                .body("error", equalTo("request_too_large"))
                .body("error_description", equalTo("The request body is larger than 65536 bytes."));
    }

    @Test
    void shouldAcceptABodyUnder64KiBOnTheAdminApi() {
        // unknown fields are ignored: 60 KiB spread over strings below the 8 KiB limit
        StringBuilder body = new StringBuilder("{\"username\":\"" + TestUsers.uniqueName("fits") + "\",\"password\":\""
                + TestUsers.strongPassword() + "\"");
        for (int i = 0; i < 8; i++) {
            body.append(",\"note").append(i).append("\":\"").append("y".repeat(7 * 1024)).append('"');
        }
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON).body(body.append('}').toString())
                .post("/admin/users").then().statusCode(201);
    }

    @Test
    void shouldAnswer400ForJsonNestedDeeperThan32() {
        String deep = "[".repeat(40) + "]".repeat(40);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", Logins.uniqueAddress())
                .body("{\"username\":\"someone\",\"password\":\"whatever\",\"extra\":" + deep + "}")
                .post("/auth/login").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo(JSON_REFUSED));
    }

    @Test
    void shouldRefuseAJsonStringLongerThan8KiBWhileParsing() {
        // refused by the parser (the JSON answer), before validation could name the field
        given().contentType(ContentType.JSON).header("X-Forwarded-For", Logins.uniqueAddress())
                .body(Map.of("username", "someone", "password", "z".repeat(9 * 1024)))
                .post("/auth/login").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo(JSON_REFUSED));
    }
}
