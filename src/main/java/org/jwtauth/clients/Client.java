package org.jwtauth.clients;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** A service client that authenticates with its secret (client_credentials). Holds only the secret's hash. */
@Entity
@Table(name = "clients")
public class Client {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "client_roles", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "role")
    public Set<String> roles = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
