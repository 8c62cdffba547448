package org.jwtauth.examples.downstream;

import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** A downstream API: every token is verified offline against jwt-auth-service's JWKS, roles come from {@code groups}. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("user")
    public Map<String, Object> mine() {
        Set<String> groups = token.getGroups();
        return Map.of("user", token.getName(), "subject", token.getSubject(), "groups", groups, "kid",
                token.getHeader("kid") == null ? "" : token.getHeader("kid"));
    }

    @GET
    @Path("/all")
    @RolesAllowed("admin")
    public Map<String, Object> all() {
        return Map.of("orders", 0, "user", token.getName());
    }

    @GET
    @Path("/health")
    @PermitAll
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
