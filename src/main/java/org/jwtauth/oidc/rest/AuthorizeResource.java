package org.jwtauth.oidc.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.http.ClientAddressResolver;
import org.jwtauth.oidc.AuthorizationError;
import org.jwtauth.oidc.AuthorizationRequest;
import org.jwtauth.oidc.AuthorizationRequest.Prompt;
import org.jwtauth.oidc.AuthorizationRequestParser;
import org.jwtauth.oidc.IssuedCode;
import org.jwtauth.oidc.SignInService;
import org.jwtauth.sessions.BrowserSession;

/**
 * The authorization endpoint (OpenID Connect Core §3.1.2, SPEC §11): the sign-in page, single sign-on
 * through the browser session, and the redirect back to the client with a code or an error.
 */
@Path("/auth/authorize")
@PermitAll
@Blocking
public class AuthorizeResource {

    /** Fields of the sign-in form that are not authorization parameters. */
    private static final Set<String> FORM_FIELDS = Set.of("username", "password", "csrf");

    private final AuthorizationRequestParser parser;
    private final SignInService signIn;
    private final SignInPages pages;
    private final BrowserCookies cookies;
    private final ClientAddressResolver addresses;
    private final String issuer;
    private final Clock clock;

    AuthorizeResource(AuthorizationRequestParser parser, SignInService signIn, SignInPages pages, BrowserCookies cookies,
            ClientAddressResolver addresses, AuthConfig config, Clock clock) {
        this.parser = parser;
        this.signIn = signIn;
        this.pages = pages;
        this.cookies = cookies;
        this.addresses = addresses;
        this.issuer = config.issuer();
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Authorization endpoint: the sign-in page, or a redirect with a code when the browser is signed in")
    @APIResponse(responseCode = "200", description = "The sign-in page")
    @APIResponse(responseCode = "302", description = "Back to the client with code and state, or with an error")
    @APIResponse(responseCode = "400", description = "Unknown client or unregistered redirect_uri: an error page, never a redirect")
    public Response authorize(@Context UriInfo uri, @CookieParam(BrowserCookies.SESSION) String session,
            @CookieParam(BrowserCookies.CSRF) String csrf, @Context HttpServerRequest http) {
        try {
            RequestParameters parameters = RequestParameters.parse(uri.getRequestUri().getRawQuery());
            AuthorizationRequest request = parser.parse(parameters.values(), parameters.repeated());
            Optional<BrowserSession> current = signIn.currentSession(session);
            if (signIn.canReuse(request, current)) {
                Optional<IssuedCode> code = signIn.signInBySession(request, current.get(), addresses.resolve(http));
                if (code.isPresent()) {
                    return redirectWithCode(Response.Status.FOUND, request, code.get()).build();
                }
            }
            if (request.prompt() == Prompt.NONE) {
                throw AuthorizationError.toClient(request.redirectUri(), request.state(), "login_required",
                        "The user is not signed in.");
            }
            return form(200, request, parameters, csrf, "", "").build();
        } catch (AuthorizationError e) {
            return answer(e, Response.Status.FOUND);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The sign-in form's post: checks the password like /auth/login, then redirects with a code")
    @APIResponse(responseCode = "303", description = "Signed in: back to the client with code and state")
    @APIResponse(responseCode = "401", description = "The form again: invalid username or password")
    @APIResponse(responseCode = "403", description = "The form again: the CSRF field is missing or wrong")
    @APIResponse(responseCode = "429", description = "The form again: too many failures (Retry-After)")
    public Response signIn(String body, @CookieParam(BrowserCookies.CSRF) String csrf, @Context HttpServerRequest http) {
        try {
            RequestParameters posted = RequestParameters.parse(body);
            Set<String> repeated = new TreeSet<>(posted.repeated());
            repeated.removeAll(FORM_FIELDS);
            AuthorizationRequest request = parser.parse(posted.without(FORM_FIELDS), repeated);
            String username = posted.get("username");
            if (!cookies.isValidCsrf(csrf, posted.get("csrf")) || posted.repeated().contains("csrf")) {
                return form(403, request, posted, null, "The sign-in form expired. Please sign in again.", username).build();
            }
            String password = posted.get("password");
            if (username == null || password == null) {
                return form(400, request, posted, csrf, "Enter your username and password.", username).build();
            }
            return checkPassword(request, posted, csrf, username, password, addresses.resolve(http));
        } catch (AuthorizationError e) {
            return answer(e, Response.Status.SEE_OTHER);
        }
    }

    private Response checkPassword(AuthorizationRequest request, RequestParameters posted, String csrf, String username,
            String password, String clientAddress) {
        Optional<IssuedCode> code;
        try {
            code = signIn.signIn(request, username, password, clientAddress);
        } catch (AuthException e) {
            // the throttle's 429 (with Retry-After) or a 503 when no password check could run
            Response.ResponseBuilder page = form(e.status(), request, posted, csrf, refusal(e), username);
            e.headers("").forEach(page::header);
            return page.build();
        }
        if (code.isEmpty()) {
            return form(401, request, posted, csrf, "Invalid username or password.", username).build();
        }
        BrowserSession browser = code.get().browserSession();
        return redirectWithCode(Response.Status.SEE_OTHER, request, code.get())
                .cookie(cookies.session(browser.cookieValue(), browser.expiresAt(), clock.instant()))
                .build();
    }

    private static String refusal(AuthException e) {
        String retryAfter = e.headers("").get("Retry-After");
        if (e.status() == 429) {
            return "Too many failed sign-ins. Try again in " + (retryAfter == null ? "a while" : retryAfter + " seconds") + ".";
        }
        return "The service is busy. Please try again in a moment.";
    }

    /** The form, carrying the authorization parameters along; a CSRF cookie is set when the browser has none. */
    private Response.ResponseBuilder form(int status, AuthorizationRequest request, RequestParameters parameters,
            String csrf, String error, String username) {
        String csrfValue = cookies.csrfValueFor(csrf);
        return cookies.withCsrfCookie(pages.form(status, request.client().clientId(), parameters.without(FORM_FIELDS),
                cookies.csrfField(csrfValue), error, username, request.redirectUri()), csrfValue, csrf);
    }

    private Response.ResponseBuilder redirectWithCode(Response.Status status, AuthorizationRequest request, IssuedCode code) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("code", code.code());
        query.put("state", request.state());
        query.put("iss", issuer); // RFC 9207: the client can tell which server answered
        return Response.status(status).location(java.net.URI.create(withQuery(request.redirectUri(), query)));
    }

    private Response answer(AuthorizationError e, Response.Status redirectStatus) {
        if (!e.isRedirected()) {
            return pages.message(400, "Sign-in is not possible", e.description(), e.error()).build();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("error", e.error());
        query.put("error_description", e.description());
        query.put("state", e.state());
        query.put("iss", issuer);
        return Response.status(redirectStatus).location(java.net.URI.create(withQuery(e.redirectUri(), query))).build();
    }

    static String withQuery(String redirectUri, Map<String, String> parameters) {
        StringBuilder uri = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        parameters.forEach((name, value) -> {
            if (value != null) {
                uri.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        });
        uri.setLength(uri.length() - 1);
        return uri.toString();
    }
}
