package org.jwtauth.oidc.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * Renders the service's own pages (sign-in form, errors, sign-out) with a strict Content-Security-Policy:
 * nothing but the service's own stylesheet, no scripts at all, no framing, and a form that may only
 * post to the service and be redirected on to the client's registered redirect URI.
 */
@ApplicationScoped
class SignInPages {

    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final Template signIn;
    private final Template message;

    SignInPages(@Location("signIn.html") Template signIn, @Location("message.html") Template message) {
        this.signIn = signIn;
        this.message = message;
    }

    /** The sign-in form; {@code redirectUri} is where a successful post is redirected to. */
    Response.ResponseBuilder form(int status, String clientId, Map<String, String> hidden, String csrfField,
            String error, String username, String redirectUri) {
        Map<String, Object> data = new HashMap<>();
        data.put("clientId", clientId);
        data.put("hidden", new ArrayList<>(hidden.entrySet()));
        data.put("csrf", csrfField);
        data.put("error", error == null ? "" : error);
        data.put("username", username == null ? "" : username);
        return html(status, signIn.data(data).render(), POLICY + " " + formTarget(redirectUri));
    }

    /** A page that only informs: an error that must not be redirected, or the end of a sign-out. */
    Response.ResponseBuilder message(int status, String title, String text, String error) {
        return html(status, message.data(messageData(title, text, error, "", "", Map.of(), "")).render(), POLICY);
    }

    /** A page that asks the user to confirm by posting a CSRF-protected form to {@code action}. */
    Response.ResponseBuilder confirm(String title, String text, String action, String csrfField,
            Map<String, String> hidden, String button, String redirectUri) {
        String body = message.data(messageData(title, text, "", action, csrfField, hidden, button)).render();
        return html(200, body, redirectUri == null ? POLICY : POLICY + " " + formTarget(redirectUri));
    }

    private static Map<String, Object> messageData(String title, String text, String error, String action, String csrf,
            Map<String, String> hidden, String button) {
        Map<String, Object> data = new HashMap<>();
        data.put("title", title);
        data.put("text", text);
        data.put("error", error == null ? "" : error);
        data.put("action", action);
        data.put("csrf", csrf);
        data.put("hidden", new ArrayList<>(hidden.entrySet()));
        data.put("button", button);
        return data;
    }

    private static Response.ResponseBuilder html(int status, String body, String policy) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(body)
                .header("Content-Security-Policy", policy);
    }

    /**
     * The CSP source of a redirect target: browsers check form-action against the redirects that
     * follow a form post, so the client's origin (or private-use scheme) must be allowed too.
     */
    static String formTarget(String redirectUri) {
        URI uri = URI.create(redirectUri);
        String scheme = uri.getScheme();
        if (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) {
            return scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        }
        return scheme + ":";
    }
}
