package org.jwtauth.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An audit event as {@code GET /admin/audit} lists it. */
public record AuditView(
        UUID id,
        Instant time,
        AuditType type,
        @JsonProperty("user_id") UUID userId,
        String username,
        @JsonProperty("client_address") String clientAddress,
        Map<String, String> details) {
}
