package org.jwtauth.keys.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jwtauth.common.security.Roles;
import org.jwtauth.keys.KeyService;
import org.jwtauth.keys.KeyView;

/** Signing key administration (SPEC §6, §10), for the {@code admin} role only. */
@Path("/admin/keys")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminKeyResource {

    private final KeyService keys;

    public AdminKeyResource(KeyService keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "List the signing keys with their state (next, current, retired) and dates")
    public KeyList list() {
        return new KeyList(keys.listKeys());
    }

    @POST
    @Path("rotate")
    @Operation(summary = "Promote the next key to current now and publish a fresh next key")
    @APIResponse(responseCode = "200", description = "Rotated; the keys after the rotation")
    @APIResponse(responseCode = "409", description = "Keys come from files or the HS256 secret")
    public KeyList rotate() {
        return new KeyList(keys.rotate());
    }

    /** The {@code {"items":[...]}} answer of both endpoints. */
    public record KeyList(List<KeyView> items) {
    }
}
