package org.jwtauth.verification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.jwtauth.common.error.AuthException;
import org.jwtauth.verification.TokenVerdicts;

/**
 * The verifier's verdict on a pasted token (SPEC §12), for signed-in callers only, so the service
 * is no anonymous oracle for stolen or forged tokens.
 */
@Path("/tokens/check")
@RolesAllowed("**")
@Produces(MediaType.APPLICATION_JSON)
public class TokenCheckResource {

    private final TokenVerdicts verdicts;

    public TokenCheckResource(TokenVerdicts verdicts) {
        this.verdicts = verdicts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Check a token against every SPEC §3 rule; the answer never contains the token")
    @APIResponse(responseCode = "200", description = "{\"valid\":true,...} or {\"valid\":false,\"reason\",\"description\"}")
    @APIResponse(responseCode = "400", description = "No token field")
    @APIResponse(responseCode = "401", description = "The caller's own bearer token is missing or refused")
    public Response check(@FormParam("token") String token) {
        if (token == null) {
            throw AuthException.invalidRequest("The form field 'token' is required.");
        }
        // the verdict concerns a credential: no cache may keep it
        return Response.ok(verdicts.judge(token)).header("Cache-Control", "no-store").build();
    }
}
