package org.jwtauth.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.jwtauth.testing.Logins.login;
import static org.jwtauth.testing.Logins.uniqueAddress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** SPEC §6, §10: the audit trail records logins and admin changes; {@code GET /admin/audit} lists and filters it. */
@QuarkusTest
class AdminAuditResourceTest {

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestUsers.adminToken());
    }

    @Test
    void shouldRecordLoginSuccessAndFailureWithUserAndAddress() {
        String username = TestUsers.uniqueName("audited");
        String password = TestUsers.strongPassword();
        String id = TestUsers.create(username, password, "user");
        String address = uniqueAddress();
        login(username, "not-the-password", address).then().statusCode(401);
        login(username.toUpperCase(), password, address).then().statusCode(200);

        asAdmin().queryParam("user", username).queryParam("type", "login_success").get("/admin/audit").then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("items[0].id", notNullValue())
                .body("items[0].time", notNullValue())
                .body("items[0].type", equalTo("LOGIN_SUCCESS"))
                .body("items[0].user_id", equalTo(id))
                .body("items[0].username", equalTo(username))
                .body("items[0].client_address", equalTo(address));
        asAdmin().queryParam("user", username.toUpperCase()).queryParam("type", "LOGIN_FAILURE").get("/admin/audit").then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].username", equalTo(username))
                .body("items[0].client_address", equalTo(address))
                .body("items[0].details", equalTo(Map.of()));
    }

    @Test
    void shouldRecordALoginRefusedForItsScopeAsAFailure() {
        String username = TestUsers.uniqueName("scoped");
        String password = TestUsers.strongPassword();
        TestUsers.create(username, password, "user");
        given().contentType(ContentType.URLENC).formParam("grant_type", "password").formParam("username", username)
                .formParam("password", password).formParam("scope", "admin")
                .post("/auth/token").then().statusCode(400).body("error", equalTo("invalid_scope"));
        asAdmin().queryParam("user", username).queryParam("type", "LOGIN_SUCCESS").get("/admin/audit").then()
                .statusCode(200).body("total", equalTo(0));
        asAdmin().queryParam("user", username).queryParam("type", "LOGIN_FAILURE").get("/admin/audit").then()
                .statusCode(200).body("total", equalTo(1));
    }

    @Test
    void shouldRecordALockout() {
        String username = TestUsers.uniqueName("locked");
        String address = uniqueAddress();
        for (int i = 0; i < 5; i++) {
            login(username, "wrong", address).then().statusCode(401);
        }
        asAdmin().queryParam("user", username).get("/admin/audit").then()
                .statusCode(200)
                .body("total", equalTo(6))
                .body("items[0].type", equalTo("ACCOUNT_LOCKED"))
                .body("items[0].details.lock_seconds", equalTo("60"))
                .body("items.type", hasItem("LOGIN_FAILURE"));
    }

    @Test
    void shouldRecordUserAdministrationWithTheActingAdmin() {
        String username = TestUsers.uniqueName("managed");
        String id = TestUsers.create(username, TestUsers.strongPassword(), "user");
        asAdmin().contentType(ContentType.JSON).body(Map.of("roles", List.of("user", "auditor"), "enabled", false))
                .patch("/admin/users/" + id).then().statusCode(200);
        asAdmin().delete("/admin/users/" + id).then().statusCode(204);

        asAdmin().queryParam("user", username).get("/admin/audit").then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.type", equalTo(List.of("USER_DELETED", "USER_UPDATED", "USER_CREATED")))
                .body("items.user_id", everyItem(equalTo(id)))
                .body("items.details.actor", everyItem(equalTo(TestUsers.ADMIN_USERNAME)))
                .body("items[1].details.roles", equalTo("auditor user"))
                .body("items[1].details.enabled", equalTo("false"))
                .body("items[2].client_address", notNullValue());
    }

    @Test
    void shouldRecordClientAdministrationWithoutTheSecret() {
        String clientId = TestUsers.uniqueName("svc");
        String secret = asAdmin().contentType(ContentType.JSON).body(Map.of("client_id", clientId, "roles", List.of("user")))
                .post("/admin/clients").then().statusCode(201).extract().path("client_secret");
        asAdmin().delete("/admin/clients/" + clientId).then().statusCode(204);

        String listing = asAdmin().queryParam("type", "CLIENT_CREATED").queryParam("size", 200).get("/admin/audit").then()
                .statusCode(200)
                .body("items.details.client_id", hasItem(clientId))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(listing.contains(secret), "the client secret is never audited");
        asAdmin().queryParam("type", "CLIENT_DELETED").queryParam("size", 200).get("/admin/audit").then()
                .statusCode(200)
                .body("items.details.client_id", hasItem(clientId))
                .body("items.user_id", everyItem(nullValue()));
    }

    @Test
    void shouldRecordSelfRegistrationEvenWithABadTokenOnTheRequest() {
        String username = TestUsers.uniqueName("selfmade");
        given().header("Authorization", "Bearer garbage").contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", TestUsers.strongPassword()))
                .post("/auth/register").then().statusCode(201);
        asAdmin().queryParam("user", username).queryParam("type", "USER_CREATED").get("/admin/audit").then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].details.roles", equalTo("user"))
                .body("items[0].details.actor", nullValue());
    }

    @Test
    void shouldFilterByTimeAndPage() {
        String username = TestUsers.uniqueName("paged");
        String address = uniqueAddress();
        Instant before = Instant.now().minusSeconds(1);
        login(username, "wrong-1", address).then().statusCode(401);
        login(username, "wrong-2", address).then().statusCode(401);

        asAdmin().queryParam("user", username).queryParam("size", 1).queryParam("page", 1).get("/admin/audit").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("page", equalTo(1))
                .body("size", equalTo(1))
                .body("total", equalTo(2));
        asAdmin().queryParam("user", username).queryParam("since", before.toString()).get("/admin/audit").then()
                .statusCode(200).body("total", equalTo(2));
        asAdmin().queryParam("user", username).queryParam("until", before.toString()).get("/admin/audit").then()
                .statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        asAdmin().queryParam("user", username).queryParam("since", "2020-01-01T00:00:00+02:00").get("/admin/audit").then()
                .statusCode(200).body("total", equalTo(2));
        asAdmin().get("/admin/audit").then().statusCode(200).body("total", greaterThanOrEqualTo(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"type=NOT_A_TYPE", "since=yesterday", "until=2026-13-01T00:00:00Z", "page=-1", "size=0",
            "size=201", "page=abc"})
    void shouldRefuseBadFiltersWith400(String query) {
        asAdmin().get("/admin/audit?" + query).then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"))
                .body("error_description", notNullValue());
    }

    @Test
    void shouldBeForAdminsOnly() {
        given().get("/admin/audit").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2(TestUsers.tokenWithRoles("user")).get("/admin/audit").then()
                .statusCode(403).body("error", equalTo("insufficient_scope"));
    }
}
