package org.jwtauth.audit;

import java.time.Instant;
import java.util.UUID;

/** One stored audit event (a row of {@code audit_events}); never holds a token, password, secret or hash. */
public class AuditEvent {

    public UUID id;

    public Instant time;

    public AuditType type;

    public UUID userId;

    public String username;

    /** Lower-cased username, for the case-insensitive filter. */
    public String usernameKey;

    public String clientAddress;

    /** The details map as a JSON object. */
    public String details;
}
