package org.jwtauth.users.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.http.ClientAddressResolver;
import org.jwtauth.users.rest.UserRequests.ChangePasswordRequest;
import org.jwtauth.verification.Caller;
import org.jwtauth.users.UserService;
import org.jwtauth.users.UserView;

/** The caller's own account. */
@Path("/users/me")
@RolesAllowed("**")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService users;
    private final Caller caller;
    private final ClientAddressResolver addresses;

    public UserResource(UserService users, Caller caller, ClientAddressResolver addresses) {
        this.users = users;
        this.caller = caller;
        this.addresses = addresses;
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
    @APIResponse(responseCode = "429", description = "Too many wrong current passwords (Retry-After)")
    public void changePassword(ChangePasswordRequest body) {
        ChangePasswordRequest request = ChangePasswordRequest.checked(body);
        // a token without one of our sessions keeps none: every session of the user ends
        users.changePassword(callerId(), caller.sessionId().orElse(null), request.currentPassword(), request.newPassword(),
                addresses.current());
    }

    /** A service client's token has no user record. */
    private UUID callerId() {
        return caller.userId().orElseThrow(() -> AuthException.notFound("User"));
    }
}
