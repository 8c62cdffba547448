package org.jwtauth.example;

import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jwtauth.common.security.Roles;

/** Example resources showing the pattern other services follow (SPEC §3). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ExampleResource {

    private final JsonWebToken token;

    public ExampleResource(JsonWebToken token) {
        this.token = token;
    }

    @GET
    @Path("public")
    @PermitAll
    @Operation(summary = "Open to everyone")
    public Map<String, String> publicResource() {
        return Map.of("message", "public");
    }

    @GET
    @Path("user")
    @RolesAllowed(Roles.USER)
    @Operation(summary = "Needs the role user")
    public Map<String, String> userResource() {
        return Map.of("message", "user", "username", String.valueOf(token.getName()));
    }

    @GET
    @Path("admin")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Needs the role admin")
    public Map<String, String> adminResource() {
        return Map.of("message", "admin", "username", String.valueOf(token.getName()));
    }

    @GET
    @Path("claims")
    @RolesAllowed("**")
    @Operation(summary = "Any valid token: echoes its verified claims")
    public Map<String, Object> claims() {
        Map<String, Object> claims = new TreeMap<>();
        for (String name : token.getClaimNames()) {
            if (!"raw_token".equals(name)) {
                claims.put(name, token.getClaim(name));
            }
        }
        return claims;
    }
}
