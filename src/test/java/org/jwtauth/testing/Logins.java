package org.jwtauth.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Login attempts from a chosen client address (tests sit behind a trusted loopback proxy). */
public final class Logins {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private Logins() {
    }

    /** A client address no other test uses; only ever a header value, no traffic goes there. */
    public static String uniqueAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "10." + (n >> 16 & 0xFF) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF);
    }

    /** {@code POST /auth/login} as if from {@code address}. */
    public static Response login(String username, String password, String address) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", address)
                .body(Map.of("username", username, "password", password))
                .post("/auth/login");
    }

    /** The password grant of {@code POST /auth/token} as if from {@code address}. */
    public static Response passwordGrant(String username, String password, String address) {
        return given().contentType(ContentType.URLENC)
                .header("X-Forwarded-For", address)
                .formParam("grant_type", "password")
                .formParam("username", username)
                .formParam("password", password)
                .post("/auth/token");
    }
}
