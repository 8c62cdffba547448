package org.jwtauth.users;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A person who logs in with username and password: a row of {@code users} and its {@code user_roles}.
 * Never leaves the service layer (holds a hash); a change is stored by {@link UserRepository#update}.
 */
public class User {
    public UUID id;
    public String username;
    /** Lower-cased username: the unique, case-insensitive login key. */
    public String usernameKey;
    public String passwordHash;
    public boolean enabled;
    public Set<String> roles = new HashSet<>();
    public Instant createdAt;
    public Instant updatedAt;
}
