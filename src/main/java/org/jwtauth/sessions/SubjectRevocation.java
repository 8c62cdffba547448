package org.jwtauth.sessions;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Every access token of a subject issued before {@code revokedBefore} is revoked. */
@Entity
@Table(name = "subject_revocations")
public class SubjectRevocation {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String subject;

    @Column(name = "revoked_before", nullable = false)
    public Instant revokedBefore;
}
