package org.jwtauth.oidc.rest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.crypto.MasterKey;
import org.jwtauth.common.crypto.RandomTokens;

/**
 * The two cookies of the sign-in flow, both {@code HttpOnly}, path {@code /auth}, {@code Secure} when
 * the issuer is https: the single sign-on cookie ({@code SameSite=Lax}, so it comes along when an app
 * sends the browser to {@code /auth/authorize}) and the CSRF cookie ({@code SameSite=Strict}). The
 * form's CSRF field is an HMAC of the CSRF cookie (signed double submit): another site can neither
 * read the cookie nor compute the field.
 */
@ApplicationScoped
class BrowserCookies {

    static final String SESSION = "auth_session";
    static final String CSRF = "auth_csrf";
    private static final String PATH = "/auth";

    private final boolean secure;
    private final SecretKeySpec csrfKey;

    BrowserCookies(AuthConfig config, MasterKey masterKey) {
        this.secure = config.issuer().startsWith("https:");
        this.csrfKey = new SecretKeySpec(masterKey.deriveKey("sign-in-csrf-v1"), "HmacSHA256");
    }

    NewCookie session(String value, Instant expiresAt, Instant now) {
        return cookie(SESSION, value, NewCookie.SameSite.LAX, (int) Duration.between(now, expiresAt).toSeconds());
    }

    NewCookie clearSession() {
        return cookie(SESSION, "", NewCookie.SameSite.LAX, 0);
    }

    /** The browser's CSRF cookie value, or a fresh one when it sent none (then {@link #csrf} must be set). */
    String csrfValueFor(String sent) {
        return sent == null || sent.isEmpty() ? RandomTokens.generate() : sent;
    }

    /** The page with the CSRF cookie set when {@code value} is not the one the browser sent. */
    Response.ResponseBuilder withCsrfCookie(Response.ResponseBuilder page, String value, String sent) {
        return value.equals(sent) ? page : page.cookie(csrf(value));
    }

    NewCookie csrf(String value) {
        return cookie(CSRF, value, NewCookie.SameSite.STRICT, NewCookie.DEFAULT_MAX_AGE);
    }

    /** The value the form must send back for this CSRF cookie. */
    String csrfField(String cookieValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(csrfKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(cookieValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    boolean isValidCsrf(String cookieValue, String field) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 128 || field == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfField(cookieValue).getBytes(StandardCharsets.US_ASCII),
                field.getBytes(StandardCharsets.US_ASCII));
    }

    private NewCookie cookie(String name, String value, NewCookie.SameSite sameSite, int maxAge) {
        return new NewCookie.Builder(name).value(value).path(PATH).httpOnly(true).secure(secure)
                .sameSite(sameSite).maxAge(maxAge).build();
    }
}
