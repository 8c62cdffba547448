package org.jwtauth.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.http.PageView;
import org.jwtauth.common.error.AuthException;
import org.jwtauth.common.security.Roles;

/** The audit trail (SPEC §6, §10), newest first, for the {@code admin} role only. */
@Path("/admin/audit")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuditResource {

    private final AuditService audit;

    public AdminAuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "List audit events, filtered by username, type and time (ISO-8601), paged")
    @APIResponse(responseCode = "200", description = "One page of events")
    @APIResponse(responseCode = "400", description = "A filter value is not valid")
    public PageView<AuditView> list(@QueryParam("user") String user, @QueryParam("type") String type,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @BeanParam PageRequest page) {
        AuditFilter filter = new AuditFilter(blankToNull(user), type(type), time("since", since), time("until", until));
        return audit.find(filter, page.validated());
    }

    private static AuditType type(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return AuditType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AuthException.invalidRequest("type: not a known audit event type.");
        }
    }

    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw AuthException.invalidRequest(name + ": not an ISO-8601 date-time with offset (e.g. 2026-01-31T12:00:00Z).");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
