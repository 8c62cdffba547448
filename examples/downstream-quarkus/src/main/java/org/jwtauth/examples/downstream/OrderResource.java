package org.jwtauth.examples.downstream;

import java.io.IOException;
import java.util.Base64;
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

import com.fasterxml.jackson.databind.ObjectMapper;

/** A downstream API: every token is verified offline against jwt-auth-service's JWKS, roles come from {@code groups}. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("user")
    public Map<String, Object> mine() {
        Set<String> groups = token.getGroups();
        return Map.of("user", token.getName(), "subject", token.getSubject(), "groups", groups, "kid", kid());
    }

    @GET
    @Path("/all")
    @RolesAllowed("admin")
    public Map<String, Object> all() {
        return Map.of("orders", 0, "user", token.getName());
    }

    // the key that signed this token, to show which key of the JWKS was used (verification is already done)
    private String kid() {
        String raw = token.getRawToken();
        try {
            byte[] header = Base64.getUrlDecoder().decode(raw.substring(0, raw.indexOf('.')));
            return MAPPER.readTree(header).path("kid").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    @GET
    @Path("/health")
    @PermitAll
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
