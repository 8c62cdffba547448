package org.jwtauth.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;

import io.quarkus.test.junit.QuarkusTest;

/** The console's static files, its redirect and its Content-Security-Policy (SPEC §12). */
@NoDatabase
@QuarkusTest
class ConsoleRoutesTest {

    @Test
    void shouldRedirectTheBarePathToTheConsoleFolder() {
        given().redirects().follow(false).get("/console").then()
                .statusCode(301)
                .header("Location", endsWith("/console/"))
                .header("Content-Security-Policy", equalTo(ConsoleRoutes.CONTENT_SECURITY_POLICY));
    }

    @Test
    void shouldServeTheConsolePageWithAStrictPolicy() {
        given().get("/console/").then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo(ConsoleRoutes.CONTENT_SECURITY_POLICY))
                .header("Content-Security-Policy", not(containsString("unsafe")))
                .header("X-Frame-Options", equalTo("DENY"))
                .body(containsString("<script type=\"module\" src=\"js/app.js\"></script>"))
                // no inline script or style anywhere in the page
                .body(not(containsString("<script>")))
                .body(not(containsString("style=")))
                .body(not(containsString("<style")));
    }

    @Test
    void shouldServeTheScriptsAndStylesFromTheServiceItself() {
        given().get("/console/js/app.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Content-Security-Policy", equalTo(ConsoleRoutes.CONTENT_SECURITY_POLICY));
        given().get("/console/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void shouldLeaveThePolicyOffTheApi() {
        given().get("/api/public").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }
}
