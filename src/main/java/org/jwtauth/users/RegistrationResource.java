package org.jwtauth.users;

import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.security.Roles;
import org.jwtauth.users.UserRequests.RegisterRequest;

/** Self-registration ({@code auth.registration.enabled}); new users get the role {@code user}. */
@Path("/auth/register")
@PermitAll
public class RegistrationResource {

    private final UserService users;
    private final AuthConfig config;

    public RegistrationResource(UserService users, AuthConfig config) {
        this.users = users;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account with the default role")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "Username taken")
    public Response register(@Valid @NotNull RegisterRequest request) {
        if (!config.registration().enabled()) {
            throw AuthException.notEnabled("Registration");
        }
        if (request.roles() != null) {
            throw AuthException.invalidRequest("Self-registration cannot choose roles.");
        }
        UserView user = users.createUser(request.username(), request.password(), Set.of(Roles.USER));
        return Response.status(Response.Status.CREATED).entity(user).build();
    }
}
