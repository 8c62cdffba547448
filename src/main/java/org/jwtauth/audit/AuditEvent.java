package org.jwtauth.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One stored audit event; never holds a token, password, secret or hash. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    public UUID id;

    @Column(name = "occurred_at", nullable = false)
    public Instant time;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditType type;

    @Column(name = "user_id")
    public UUID userId;

    public String username;

    /** Lower-cased username, for the case-insensitive filter. */
    @Column(name = "username_key")
    public String usernameKey;

    @Column(name = "client_address")
    public String clientAddress;

    /** The details map as a JSON object. */
    @Column(nullable = false)
    public String details;
}
