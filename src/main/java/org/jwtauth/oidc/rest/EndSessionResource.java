package org.jwtauth.oidc.rest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

import org.jwtauth.common.http.ClientAddressResolver;
import org.jwtauth.oidc.AuthorizationError;
import org.jwtauth.oidc.EndSessionService;
import org.jwtauth.oidc.EndSessionService.Outcome;
import org.jwtauth.oidc.SignInService;
import org.jwtauth.sessions.BrowserSession;

/** RP-initiated logout (SPEC §11): ends the browser session and its tokens, then back to the app. */
@Path("/auth/end-session")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class EndSessionResource {

    private final EndSessionService endSessions;
    private final SignInService signIn;
    private final SignInPages pages;
    private final BrowserCookies cookies;
    private final ClientAddressResolver addresses;

    EndSessionResource(EndSessionService endSessions, SignInService signIn, SignInPages pages, BrowserCookies cookies,
            ClientAddressResolver addresses) {
        this.endSessions = endSessions;
        this.signIn = signIn;
        this.pages = pages;
        this.cookies = cookies;
        this.addresses = addresses;
    }

    @GET
    @Operation(summary = "End the browser session: at once with an id_token_hint, else after the user confirms")
    @APIResponse(responseCode = "302", description = "Signed out: to the registered post_logout_redirect_uri with state")
    @APIResponse(responseCode = "200", description = "Signed out, or the confirmation page when there is no id_token_hint")
    @APIResponse(responseCode = "400", description = "A bad id_token_hint or an unregistered post_logout_redirect_uri")
    public Response endSession(@Context UriInfo uri, @CookieParam(BrowserCookies.SESSION) String session,
            @CookieParam(BrowserCookies.CSRF) String csrf, @Context HttpServerRequest http) {
        return handle(RequestParameters.parse(uri.getRequestUri().getRawQuery()), session, csrf, false, http);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "End the browser session (the confirmation form, or an app posting id_token_hint)")
    public Response confirmEndSession(String body, @CookieParam(BrowserCookies.SESSION) String session,
            @CookieParam(BrowserCookies.CSRF) String csrf, @Context HttpServerRequest http) {
        RequestParameters posted = RequestParameters.parse(body);
        return handle(posted, session, csrf, cookies.isValidCsrf(csrf, posted.get("csrf")), http);
    }

    private Response handle(RequestParameters parameters, String session, String csrf, boolean confirmed,
            HttpServerRequest http) {
        try {
            Map<String, String> values = parameters.without(Set.of("csrf"));
            if (!parameters.repeated().isEmpty()) {
                throw AuthorizationError.onPage("invalid_request", "A parameter is repeated.");
            }
            if (!endSessions.hasHint(values) && !confirmed) {
                return confirmation(values, csrf);
            }
            Optional<BrowserSession> current = signIn.currentSession(session);
            Outcome outcome = endSessions.endSession(values, current, addresses.resolve(http));
            Response.ResponseBuilder answer = outcome.redirectUri() == null
                    ? pages.message(200, "Signed out", "You are signed out.", null)
                    : Response.seeOther(URI.create(AuthorizeResource.withQuery(outcome.redirectUri(), state(outcome))));
            return answer.cookie(cookies.clearSession()).build();
        } catch (AuthorizationError e) {
            return pages.message(400, "Sign-out failed", e.description(), e.error()).build();
        }
    }

    private Response confirmation(Map<String, String> values, String csrf) {
        String csrfValue = cookies.csrfValueFor(csrf);
        return cookies.withCsrfCookie(pages.confirm("Sign out?", "Do you want to sign out of every app that uses this sign-in?",
                "end-session", cookies.csrfField(csrfValue), values, "Sign out", values.get("post_logout_redirect_uri")),
                csrfValue, csrf).build();
    }

    private static Map<String, String> state(Outcome outcome) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", outcome.state());
        return query;
    }
}
