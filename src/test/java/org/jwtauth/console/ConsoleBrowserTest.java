package org.jwtauth.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.jwtauth.testing.Logins;
import org.jwtauth.testing.NoDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The console in a real headless Chromium (SPEC §12): signs in through the service's sign-in page as
 * the public client {@code console} with PKCE, reads the explained token, checks a tampered one,
 * administers a user, a client, the keys and the audit trail, signs out; screenshots of each screen at
 * desktop and phone width go to {@code target/screenshots} (no screen may scroll sideways on the phone).
 * The steps build on each other, in order.
 * Run once, on H2: the database behind the console is covered by the API tests on both.
 */
@NoDatabase
@QuarkusTest
@TestProfile(ConsoleBrowserProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String USER = "console-alice";
    private static final String CLIENT = "console-billing";
    private static final String PUBLIC_CLIENT = "console-spa";
    private static final String PLAIN_USER = "console-bob";
    private static final String PLAIN_PASSWORD = "harbour-Violet-42-compass-Ember";

    Chromium browser;
    String base;
    String adminPassword;
    private String firstTokenId;
    private String firstClientSecret;

    @BeforeAll
    void startBrowser() {
        base = "http://localhost:" + ConsoleBrowserProfile.PORT;
        adminPassword = ConfigProvider.getConfig().getValue("auth.bootstrap.admin.password", String.class);
        browser = new Chromium();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void shouldShowTheSignInScreenWithoutAnyPolicyViolation() throws IOException {
        // at an address other than the issuer's, the redirect URI is not registered: said before signing in
        browser.open("http://127.0.0.1:" + ConsoleBrowserProfile.PORT + "/console/");
        assertTrue(browser.waitForText("#notice", "sign-in works only when").contains(base), "names the issuer");
        browser.open(base + "/console");
        browser.waitForUrl("/console/");
        browser.find("#start-sign-in");
        browser.screenshots("console-signin");
        assertEquals(List.of(), browser.consoleMessages(), "the browser's console (CSP violations, script errors)");
    }

    @Test
    @Order(2)
    void shouldSignInThroughTheSignInPageAndExplainTheToken() throws IOException {
        // by keyboard: the skip link first, then the sign-in button
        browser.find("#start-sign-in");
        WebElement page = browser.driver.findElement(By.tagName("body"));
        page.sendKeys(Keys.TAB);
        assertEquals("Skip to the content", browser.driver.switchTo().activeElement().getText());
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("start-sign-in", browser.driver.switchTo().activeElement().getAttribute("id"));
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.waitForUrl("/auth/authorize");
        String authorize = browser.driver.getCurrentUrl();
        assertTrue(authorize.contains("code_challenge_method=S256"), authorize);
        assertTrue(authorize.contains("client_id=console"), authorize);
        browser.find("#password");
        browser.screenshots("service-sign-in");
        browser.type("#username", "admin");
        browser.type("#password", adminPassword);
        browser.click("#sign-in");
        browser.waitForUrl("/console/");
        assertEquals("admin", browser.byId("token-who").getText());
        assertTrue(browser.byId("token-roles").getText().contains("admin"));
        assertFalse(browser.driver.getCurrentUrl().contains("code="), "the code is taken out of the address");
        String countdown = browser.byId("token-countdown").getText();
        assertTrue(countdown.matches(".*\\d+ (min|s).*"), countdown);
        browser.waitForText("#token-key-state", "is current");
        assertTrue(browser.byId("token-claims").getText().contains("Expires at"));
        assertNoTokenInStorage();
        firstTokenId = browser.find("#token-claims tr[data-name='jti'] code").getText();
        browser.screenshots("console-token");
    }

    @Test
    @Order(3)
    void shouldGiveTheExactReasonATamperedTokenIsRefused() throws IOException {
        String token = adminToken();
        browser.type("#check-token", token);
        browser.click("#check-button");
        assertTrue(browser.waitForText("#check-verdict", "Valid").contains("accepts"));

        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"admin\"", "\"root\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        browser.type("#check-token", tampered);
        browser.click("#check-button");
        String verdict = browser.waitForText("#check-verdict", "Refused");
        assertTrue(verdict.contains("The token's signature is invalid."), verdict);
        browser.screenshots("console-token-check");
    }

    @Test
    @Order(4)
    void shouldCreateAUserChangeItsRolesAndDisableIt() throws IOException {
        browser.click("#nav-users");
        browser.find("#users-list table");
        browser.type("#new-username", USER);
        browser.type("#new-password", "kestrel-Quartz-19-lantern-Mosaic");
        browser.type("#new-roles", "user");
        browser.click("#create-user");
        browser.waitForText("#users-status", "Created the user " + USER);

        String row = "tr[data-username='" + USER + "']";
        WebElement roles = browser.find(row + " .roles-input");
        roles.clear();
        roles.sendKeys("user, reporter");
        browser.click(row + " .save-roles");
        browser.waitForText("#users-status", "are now reporter, user");

        browser.click(row + " .toggle-enabled");
        browser.waitForText("#users-status", USER + " is disabled");
        assertEquals("disabled", browser.find(row + " .state").getText());
        given().header("X-Forwarded-For", Logins.uniqueAddress()).contentType(ContentType.JSON)
                .body(Map.of("username", USER, "password", "kestrel-Quartz-19-lantern-Mosaic"))
                .post("/auth/login").then().statusCode(401);
        browser.click(row + " .end-sessions");
        browser.waitForText("#users-status", "Every session of " + USER + " is ended");
        browser.click(row + " .clear-lockout");
        browser.waitForText("#users-status", "The failed-login lock of " + USER + " is cleared");

        browser.type("#user-search", "");
        browser.byId("user-search").sendKeys(Keys.ENTER);
        browser.find("tr[data-username='admin']");
        browser.screenshots("console-users");
    }

    @Test
    @Order(5)
    void shouldCreateAClientAndShowItsSecretOnce() throws IOException {
        browser.click("#nav-clients");
        browser.type("#client-id", CLIENT);
        browser.type("#client-roles", "user");
        browser.click("#create-client");
        assertEquals(CLIENT, browser.waitForText("#client-secret-for", CLIENT));
        String secret = browser.byId("client-secret").getText();
        assertTrue(secret.length() >= 40, "a secret of at least 256 bits: " + secret.length());
        browser.find("tr[data-client-id='" + CLIENT + "']");
        browser.screenshots("console-clients");

        browser.click("#client-secret-done");
        browser.waitUntilHidden("#client-secret-box");
        assertFalse(browser.driver.getPageSource().contains(secret), "the secret is gone from the page");
        given().auth().preemptive().basic(CLIENT, secret).formParam("grant_type", "client_credentials")
                .post("/auth/token").then().statusCode(200);
        firstClientSecret = secret;

        browser.type("#client-id", PUBLIC_CLIENT);
        new Select(browser.byId("client-type")).selectByValue("public");
        browser.type("#client-redirects", "https://app.example/callback");
        browser.click("#create-client");
        browser.waitForText("#clients-status", "a public client has no secret");
        String row = browser.find("tr[data-client-id='" + PUBLIC_CLIENT + "']").getText();
        assertTrue(row.contains("public") && row.contains("https://app.example/callback"), row);
        assertTrue(browser.find("tr[data-client-id='console'][data-built-in='true']").getText()
                .contains("set by configuration"), "the built-in console client has no actions");
    }

    @Test
    @Order(6)
    void shouldRotateAClientSecretAndDeleteAClient() {
        String confidential = "tr[data-client-id='" + CLIENT + "']";
        browser.click(confidential + " .rotate-secret");
        browser.click(confidential + " .rotate-secret");
        browser.waitForText("#client-secret-for", CLIENT);
        String secret = browser.byId("client-secret").getText();
        browser.click("#client-secret-done");
        assertNotEquals(firstClientSecret, secret);
        given().auth().preemptive().basic(CLIENT, firstClientSecret).formParam("grant_type", "client_credentials")
                .post("/auth/token").then().statusCode(401);
        given().auth().preemptive().basic(CLIENT, secret).formParam("grant_type", "client_credentials")
                .post("/auth/token").then().statusCode(200);

        String spa = "tr[data-client-id='" + PUBLIC_CLIENT + "']";
        browser.click(spa + " .delete-client");
        browser.click(spa + " .delete-client");
        browser.waitForText("#clients-status", "The client " + PUBLIC_CLIENT + " is deleted");
        browser.waitUntilHidden(spa);
    }

    @Test
    @Order(7)
    void shouldRotateTheKeysAndShowTheNewCurrentKey() throws IOException {
        browser.click("#nav-keys");
        String before = browser.find("#keys-list tr[data-state='current']").getAttribute("data-kid");
        String next = browser.find("#keys-list tr[data-state='next']").getAttribute("data-kid");
        browser.click("#rotate-key");
        browser.click("#rotate-key-confirm");
        String status = browser.waitForText("#keys-status", "is now current");
        String after = browser.find("#keys-list tr[data-state='current']").getAttribute("data-kid");
        assertNotEquals(before, after);
        assertEquals(next, after, "the published next key became current");
        assertTrue(status.contains(after), status);
        browser.screenshots("console-keys");
    }

    @Test
    @Order(8)
    void shouldFilterTheAuditTrail() throws IOException {
        browser.click("#nav-audit");
        browser.find("#audit-list table");
        browser.type("#audit-user", USER);
        browser.type("#audit-type", "USER_UPDATED");
        // datetime-local takes typed digits in the reader's locale: set it as a value instead
        browser.script("document.getElementById('audit-since').value = arguments[0];",
                java.time.LocalDateTime.now().minusHours(1).withNano(0).toString());
        browser.click("#audit-apply");
        // the role change and the disabling of the user, and nothing else
        browser.waitForText("#audit-list .page-info", "(2 in all)");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#audit-list tbody tr"));
        assertEquals(2, rows.size());
        for (WebElement row : rows) {
            assertEquals("USER_UPDATED", row.getAttribute("data-type"));
            assertTrue(row.getText().contains(USER), row.getText());
        }
        browser.screenshots("console-audit");

        browser.type("#audit-type", "NO_SUCH_TYPE");
        browser.click("#audit-apply");
        assertTrue(browser.waitForText("#audit-error", "not a known audit event type").contains("HTTP 400"));
    }

    @Test
    @Order(9)
    void shouldRefreshTheTokenBeforeItExpires() {
        // 60 s tokens are refreshed 30 s before expiry: by now, or within the next minute, a new one is shown
        browser.click("#nav-token");
        browser.waitUntil(Duration.ofSeconds(75), () -> !browser.find("#token-claims tr[data-name='jti'] code").getText()
                .equals(firstTokenId));
        assertEquals("admin", browser.byId("token-who").getText());
        WebElement notice = browser.driver.findElement(By.id("notice"));
        assertFalse(notice.isDisplayed(), "no error banner: " + notice.getText());
        assertNoTokenInStorage();
    }

    @Test
    @Order(10)
    void shouldResumeTheSingleSignOnSessionAfterAReload() {
        // a reload forgets the tokens; prompt=none brings them back without the password
        browser.driver.navigate().refresh();
        assertEquals("admin", browser.byId("token-who").getText());
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console/"), browser.driver.getCurrentUrl());
    }

    @Test
    @Order(11)
    void shouldSignOutThroughTheEndSessionEndpoint() {
        browser.click("#sign-out");
        browser.waitForText("#notice", "You are signed out.");
        browser.find("#start-sign-in");
        // the browser session ended too: signing in again asks for the password
        browser.click("#start-sign-in");
        browser.find("#password");
        assertEquals(List.of(), browser.policyViolationsAndScriptErrors());
    }

    void setFirst(String jti) {
        firstTokenId = jti;
    }

    @Test
    @Order(12)
    void shouldShowAUserWithoutTheAdminRoleOnlyTheirToken() {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", PLAIN_USER, "password", PLAIN_PASSWORD, "roles", List.of("user")))
                .post("/admin/users").then().statusCode(201);
        browser.type("#username", PLAIN_USER);
        browser.type("#password", PLAIN_PASSWORD);
        browser.click("#sign-in");
        assertEquals(PLAIN_USER, browser.byId("token-who").getText());
        browser.waitForText("#token-key-state", "is published in the service's JWKS");
        assertFalse(browser.driver.findElement(By.id("nav-users")).isDisplayed(), "no admin sections for a user");
        // typed into the address bar, the admin section answers in words instead of failing
        browser.script("location.hash = '#users';");
        browser.waitForText("#forbidden-title", "Admins only");
    }

    private String adminToken() {
        return Logins.passwordGrant("admin", adminPassword, Logins.uniqueAddress()).then().statusCode(200)
                .extract().path("access_token");
    }

    private void assertNoTokenInStorage() {
        Object stored = browser.script("return JSON.stringify([Object.keys(localStorage), Object.keys(sessionStorage),"
                + " Object.values(localStorage).concat(Object.values(sessionStorage)).join(' ')]);");
        assertFalse(String.valueOf(stored).contains("eyJ"), "no token in web storage: " + stored);
    }
}
