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

/** A registered client: confidential (authenticates with its secret, held only as a hash) or public (no secret). */
@Entity
@Table(name = "clients")
public class Client {

    @Id
    @Column(name = "client_id")
    public String clientId;

    /** Null for a public client. */
    @Column(name = "secret_hash")
    public String secretHash;

    /** {@link ClientType#value()}. */
    @Column(name = "client_type", nullable = false)
    public String type = ClientType.CONFIDENTIAL.value();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "client_redirect_uris", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "redirect_uri")
    public Set<String> redirectUris = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "client_roles", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "role")
    public Set<String> roles = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    ClientType clientType() {
        return ClientType.of(type);
    }

    RegisteredClient registered() {
        return new RegisteredClient(clientId, clientType(), Set.copyOf(roles), redirectUris.stream().sorted().toList());
    }
}
