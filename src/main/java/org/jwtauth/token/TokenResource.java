package org.jwtauth.token;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

import org.jwtauth.common.http.ClientAddressResolver;
import org.jwtauth.common.http.RequestCheck;
import org.jwtauth.verification.Caller;

/** The OAuth 2.0 token endpoint (form or JSON), the plain JSON login, revocation, introspection and logout. */
@Path("/auth")
@PermitAll
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** Body of {@code POST /auth/login}. */
    public record LoginRequest(String username, String password) {

        static LoginRequest checked(LoginRequest request) {
            RequestCheck.of(request).required("username", request.username()).required("password", request.password()).done();
            return request;
        }
    }

    private final TokenService tokens;
    private final TokenRevocationService revocation;
    private final IntrospectionService introspection;
    private final Caller caller;
    private final ClientAddressResolver addresses;

    public TokenResource(TokenService tokens, TokenRevocationService revocation, IntrospectionService introspection,
            Caller caller, ClientAddressResolver addresses) {
        this.tokens = tokens;
        this.revocation = revocation;
        this.introspection = introspection;
        this.caller = caller;
        this.addresses = addresses;
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Token endpoint (RFC 6749): authorization_code, password, refresh_token and client_credentials grants")
    @APIResponse(responseCode = "200", description = "Tokens issued")
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_grant, invalid_scope, unsupported_grant_type")
    @APIResponse(responseCode = "401", description = "invalid_client")
    @APIResponse(responseCode = "429", description = "Too many failed logins (Retry-After)")
    public Response tokenFromForm(String form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return noStore(tokens.grant(TokenParameters.fromForm(form), authorization, addresses.resolve(request)));
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Token endpoint with a JSON body")
    public Response tokenFromJson(JsonNode body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest request) {
        return noStore(tokens.grant(TokenParameters.fromJson(body), authorization, addresses.resolve(request)));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with username and password")
    @APIResponse(responseCode = "200", description = "Tokens issued")
    @APIResponse(responseCode = "401", description = "Bad credentials")
    @APIResponse(responseCode = "429", description = "Too many failed logins (Retry-After)")
    public Response login(LoginRequest body, @Context HttpServerRequest request) {
        LoginRequest login = LoginRequest.checked(body);
        return noStore(tokens.login(login.username(), login.password(), addresses.resolve(request)));
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke a refresh token (and its session) or an access token (RFC 7009)")
    @APIResponse(responseCode = "200", description = "Revoked, or the token was unknown: the answer is the same")
    @APIResponse(responseCode = "400", description = "No token parameter")
    public Response revoke(String form) {
        revocation.revoke(TokenParameters.fromForm(form));
        return noStore(null);
    }

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Introspect a token (RFC 7662); for clients with the role introspect")
    @APIResponse(responseCode = "200", description = "{\"active\":true,...} or {\"active\":false}")
    @APIResponse(responseCode = "401", description = "invalid_client: no or bad client credentials")
    @APIResponse(responseCode = "403", description = "unauthorized_client: the client lacks the role introspect")
    public Response introspect(String form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return noStore(introspection.introspect(TokenParameters.fromForm(form), authorization));
    }

    @POST
    @Path("logout")
    @RolesAllowed("**")
    @Operation(summary = "End the caller's session: its refresh token and every access token of it")
    @APIResponse(responseCode = "204", description = "Logged out")
    public void logout() {
        revocation.logout(caller);
    }

    @POST
    @Path("logout-all")
    @RolesAllowed("**")
    @Operation(summary = "End every session of the caller")
    @APIResponse(responseCode = "204", description = "Logged out everywhere")
    public void logoutAll() {
        revocation.logoutEverywhere(caller);
    }

    /** 200 with an answer that carries or concerns a token: never cached (RFC 6749 §5.1). */
    private static Response noStore(Object body) {
        return Response.ok(body).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
