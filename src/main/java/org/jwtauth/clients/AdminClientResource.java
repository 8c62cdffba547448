package org.jwtauth.clients;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jwtauth.common.http.PageView;
import org.jwtauth.common.security.Roles;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Service client administration (SPEC §6), for the {@code admin} role only. */
@Path("/admin/clients")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminClientResource {

    /** {@code client_id} is optional (a UUID is made); roles are required. */
    public record CreateClientRequest(
            @JsonProperty("client_id") @Pattern(regexp = "[A-Za-z0-9._-]{3,64}",
                    message = "must be 3 to 64 of the characters A-Z a-z 0-9 . _ -") String clientId,
            @NotNull @Size(max = 64) List<@NotNull @Pattern(regexp = "[a-z0-9_-]{1,64}") String> roles) {
    }

    private final ClientService clients;

    public AdminClientResource(ClientService clients) {
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a client; the answer shows its secret, once")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "client_id taken")
    public Response create(@Valid @NotNull CreateClientRequest request) {
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(clients.createClient(request.clientId(), request.roles()))
                .build();
    }

    @GET
    @Operation(summary = "List clients, paged")
    public PageView<ClientView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return clients.listClients(page, size);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One client (never its secret)")
    public ClientView get(@PathParam("id") String clientId) {
        return clients.findClient(clientId);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a client")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String clientId) {
        clients.deleteClient(clientId);
    }
}
