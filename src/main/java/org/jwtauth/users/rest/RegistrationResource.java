package org.jwtauth.users.rest;

import jakarta.annotation.security.PermitAll;
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
import org.jwtauth.common.http.ClientAddressResolver;
import org.jwtauth.users.rest.UserRequests.RegisterRequest;
import org.jwtauth.users.UserService;
import org.jwtauth.users.UserView;

/** Self-registration ({@code auth.registration.enabled}); new users get the role {@code user}. */
@Path("/auth/register")
@PermitAll
public class RegistrationResource {

    private final UserService users;
    private final AuthConfig config;
    private final ClientAddressResolver addresses;

    public RegistrationResource(UserService users, AuthConfig config, ClientAddressResolver addresses) {
        this.users = users;
        this.config = config;
        this.addresses = addresses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account with the default role")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "Username taken")
    @APIResponse(responseCode = "429", description = "Too many registrations from this address (Retry-After)")
    public Response register(RegisterRequest body) {
        RegisterRequest request = RegisterRequest.checked(body);
        if (!config.registration().enabled()) {
            throw AuthException.notEnabled("Registration");
        }
        if (request.roles() != null) {
            throw AuthException.invalidRequest("Self-registration cannot choose roles.");
        }
        UserView user = users.register(request.username(), request.password(), addresses.current());
        return Response.status(Response.Status.CREATED).entity(user).build();
    }
}
