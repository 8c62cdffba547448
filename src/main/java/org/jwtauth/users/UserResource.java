package org.jwtauth.users;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.users.UserRequests.ChangePasswordRequest;

/** The caller's own account. */
@Path("/users/me")
@RolesAllowed("**")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService users;
    private final JsonWebToken token;

    public UserResource(UserService users, JsonWebToken token) {
        this.users = users;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's user record")
    public UserView me() {
        return users.findUser(callerId());
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the caller's password")
    @APIResponse(responseCode = "204", description = "Changed")
    public void changePassword(@Valid @NotNull ChangePasswordRequest request) {
        users.changePassword(callerId(), callerSessionId(), request.currentPassword(), request.newPassword());
    }

    private UUID callerSessionId() {
        Object sid = token.getClaim("sid");
        String value = sid instanceof JsonString json ? json.getString() : sid == null ? null : sid.toString();
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null; // not one of our sessions: every session of the user ends
        }
    }

    private UUID callerId() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException e) {
            // a service client's token: it has no user record
            throw AuthException.notFound("User");
        }
    }
}
