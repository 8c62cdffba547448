package org.jwtauth.users.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.http.PageView;
import org.jwtauth.common.security.Roles;
import org.jwtauth.users.rest.UserRequests.CreateUserRequest;
import org.jwtauth.users.rest.UserRequests.UpdateUserRequest;
import org.jwtauth.users.UserService;
import org.jwtauth.users.UserView;

/** User administration (SPEC §6), for the {@code admin} role only. */
@Path("/admin/users")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminUserResource {

    private final UserService users;

    public AdminUserResource(UserService users) {
        this.users = users;
    }

    @GET
    @Operation(summary = "List users, paged, optionally filtered by a part of the username")
    @APIResponse(responseCode = "400", description = "page or size is not a number in range")
    public PageView<UserView> list(@QueryParam("search") String search, @BeanParam PageRequest page) {
        return users.listUsers(search, page.validated());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "Username taken")
    public Response create(CreateUserRequest body) {
        CreateUserRequest request = CreateUserRequest.checked(body);
        UserView user = users.createUser(request.username(), request.password(), request.roles());
        return Response.status(Response.Status.CREATED).entity(user).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One user")
    public UserView get(@PathParam("id") UUID id) {
        return users.findUser(id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change roles or the enabled flag; the user's earlier tokens are refused")
    @APIResponse(responseCode = "409", description = "No enabled admin would remain")
    public UserView update(@PathParam("id") UUID id, UpdateUserRequest body) {
        UpdateUserRequest request = UpdateUserRequest.checked(body);
        return users.updateUser(id, request.roles(), request.enabled());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a user")
    @APIResponse(responseCode = "409", description = "No enabled admin would remain")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        users.deleteUser(id);
    }

    @DELETE
    @Path("{id}/lockout")
    @Operation(summary = "Clear the failed-login lock of the user's username")
    @APIResponse(responseCode = "204", description = "Cleared")
    @APIResponse(responseCode = "404", description = "No such user")
    public void clearLockout(@PathParam("id") UUID id) {
        users.clearLockout(id);
    }

    @POST
    @Path("{id}/logout")
    @Operation(summary = "End every session of a user and refuse its access tokens")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "404", description = "No such user")
    public void logout(@PathParam("id") UUID id) {
        users.logoutUser(id);
    }
}
