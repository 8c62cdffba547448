package org.jwtauth.clients;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.http.PageView;
import org.jwtauth.common.http.RequestCheck;
import org.jwtauth.common.security.Roles;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Service client administration (SPEC §6), for the {@code admin} role only. */
@Path("/admin/clients")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminClientResource {

    /**
     * {@code client_id} is optional (a UUID is made); roles are required (a public client's roles are
     * unused: it cannot use client_credentials); {@code type} defaults to confidential.
     */
    public record CreateClientRequest(
            @JsonProperty("client_id") String clientId,
            ClientType type,
            List<String> roles,
            @JsonProperty("redirect_uris") List<String> redirectUris) {

        private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{3,64}");

        static CreateClientRequest checked(CreateClientRequest request) {
            RequestCheck.of(request)
                    .matches("client_id", request.clientId(), CLIENT_ID, "must be 3 to 64 of the characters A-Z a-z 0-9 . _ -")
                    .required("roles", request.roles())
                    .atMost("roles", request.roles(), Roles.MAX_PER_REQUEST)
                    .eachMatches("roles", request.roles(), Roles.VALID_NAME, Roles.NAME_RULE)
                    .eachMatches("redirect_uris", request.redirectUris(), null, "must not hold null")
                    .done();
            return request;
        }
    }

    private final ClientService clients;

    public AdminClientResource(ClientService clients) {
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a confidential or public client; the answer shows a confidential client's secret, once")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "client_id taken")
    public Response create(CreateClientRequest body) {
        CreateClientRequest request = CreateClientRequest.checked(body);
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(clients.createClient(request.clientId(), request.type(), request.roles(),
                        request.redirectUris()))
                .build();
    }

    @GET
    @Operation(summary = "List clients, paged")
    @APIResponse(responseCode = "400", description = "page or size is not a number in range")
    public PageView<ClientView> list(@BeanParam PageRequest page) {
        return clients.listClients(page.validated());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One client (never its secret)")
    public ClientView get(@PathParam("id") String clientId) {
        return clients.findClient(clientId);
    }

    @POST
    @Path("{id}/secret")
    @Operation(summary = "Replace the client's secret; the answer shows the new one, once, and the old one stops working")
    @APIResponse(responseCode = "200", description = "The client with its new secret")
    @APIResponse(responseCode = "404", description = "No such client")
    public Response rotateSecret(@PathParam("id") String clientId) {
        return Response.ok(clients.rotateSecret(clientId)).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a client")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String clientId) {
        clients.deleteClient(clientId);
    }
}
