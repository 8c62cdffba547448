package org.jwtauth.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The relying party's side of the authorization code flow in tests, built with the Nimbus OAuth 2.0
 * SDK (an independent implementation): clients registered through the admin API, authorization
 * requests, the redirect parsed back, the code exchanged.
 */
public final class SignIns {

    public static final String REDIRECT_URI = "https://app.example/callback";

    private SignIns() {
    }

    /** One authorization request with its PKCE verifier, state and nonce. */
    public record Attempt(String clientId, CodeVerifier verifier, State state, Nonce nonce, AuthorizationRequest request) {

        /** {@code /auth/authorize?...}, ready for {@link Browser#get}. */
        public String path() {
            return "/auth/authorize?" + request.toQueryString();
        }
    }

    /** Registers a public client with the given redirect URIs (default: {@link #REDIRECT_URI}). */
    public static String publicClient(String... redirectUris) {
        return given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("client_id", TestUsers.uniqueName("app"), "type", "public", "roles", List.of(),
                        "redirect_uris", redirectUris.length == 0 ? List.of(REDIRECT_URI) : List.of(redirectUris)))
                .post("/admin/clients")
                .then().statusCode(201)
                .extract().path("client_id");
    }

    public static Attempt attempt(String clientId, String scope) {
        return attempt(clientId, scope, REDIRECT_URI);
    }

    public static Attempt attempt(String clientId, String scope, String redirectUri) {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        Scope scopes = Scope.parse(scope);
        // without openid it is a plain OAuth 2.0 request, which Nimbus builds with another class
        AuthorizationRequest request = scopes.contains("openid")
                ? new AuthenticationRequest.Builder(new ResponseType("code"), scopes, new ClientID(clientId), URI.create(redirectUri))
                        .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build()
                : new AuthorizationRequest.Builder(new ResponseType("code"), new ClientID(clientId))
                        .redirectionURI(URI.create(redirectUri)).scope(scopes).state(state)
                        .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        return new Attempt(clientId, verifier, state, nonce, request);
    }

    /** The query parameters of a redirect's {@code Location}. */
    public static Map<String, String> redirectParameters(Response redirect, String expectedTarget) {
        String location = redirect.header("Location");
        assertEquals(expectedTarget, location.substring(0, location.indexOf('?')), "redirect target");
        return new io.netty.handler.codec.http.QueryStringDecoder(location).parameters().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
    }

    /** The code of a successful redirect. */
    public static String code(Response redirect) {
        return redirectParameters(redirect, REDIRECT_URI).get("code");
    }

    /** {@code grant_type=authorization_code} as a public client, answer not yet checked. */
    public static Response exchange(Attempt attempt, String code) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", attempt.request().getRedirectionURI().toString())
                .formParam("code_verifier", attempt.verifier().getValue())
                .formParam("client_id", attempt.clientId())
                .post("/auth/token");
    }

    /** A whole sign-in through the page; answers the code. */
    public static String signInForCode(Browser browser, Attempt attempt, String username, String password) {
        Response page = browser.get(attempt.path());
        assertEquals(200, page.statusCode(), page.asString());
        Response redirect = browser.signIn(page, username, password);
        assertEquals(303, redirect.statusCode(), redirect.asString());
        return code(redirect);
    }
}
