package org.jwtauth.token;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

import org.jwtauth.common.http.ClientAddressResolver;

/** The OAuth 2.0 token endpoint (form or JSON) and the plain JSON login. */
@Path("/auth")
@PermitAll
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** Body of {@code POST /auth/login}. */
    public record LoginRequest(@NotNull String username, @NotNull String password) {
    }

    private final TokenService tokens;
    private final ClientAddressResolver addresses;

    public TokenResource(TokenService tokens, ClientAddressResolver addresses) {
        this.tokens = tokens;
        this.addresses = addresses;
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Token endpoint (RFC 6749): password and client_credentials grants")
    @APIResponse(responseCode = "200", description = "Tokens issued")
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_grant, invalid_scope, unsupported_grant_type")
    @APIResponse(responseCode = "401", description = "invalid_client")
    @APIResponse(responseCode = "429", description = "Too many failed logins (Retry-After)")
    public Response tokenFromForm(MultivaluedMap<String, String> form,
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
    public Response login(@Valid @NotNull LoginRequest body, @Context HttpServerRequest request) {
        return noStore(tokens.login(body.username(), body.password(), addresses.resolve(request)));
    }

    private static Response noStore(TokenResponse body) {
        return Response.ok(body).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
