package org.jwtauth.oidc.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.jwtauth.verification.Caller;

/** The UserInfo endpoint (OpenID Connect Core §5.3): who the access token speaks for. */
@Path("/auth/userinfo")
@RolesAllowed("**")
@Produces(MediaType.APPLICATION_JSON)
public class UserInfoResource {

    private final Caller caller;
    private final JsonWebToken token;

    UserInfoResource(Caller caller, JsonWebToken token) {
        this.caller = caller;
        this.token = token;
    }

    @GET
    @Operation(summary = "The signed-in user: sub, preferred_username, groups")
    @APIResponse(responseCode = "200", description = "{\"sub\",\"preferred_username\",\"groups\"}")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "insufficient_scope: a client's own token speaks for no user")
    public Response userInfo() {
        if (caller.isClient()) {
            return Response.status(403)
                    .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")
                    .entity(Map.of("error", "insufficient_scope",
                            "error_description", "A client's own token speaks for no user."))
                    .build();
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sub", caller.subject());
        info.put("preferred_username", caller.name());
        info.put("groups", List.copyOf(new java.util.TreeSet<>(token.getGroups())));
        return Response.ok(info).header("Cache-Control", "no-store").build();
    }

    @POST
    @Operation(summary = "The same as GET (OpenID Connect Core §5.3.1)")
    public Response userInfoByPost() {
        return userInfo();
    }
}
