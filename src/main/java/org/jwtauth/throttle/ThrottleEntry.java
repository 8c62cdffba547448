package org.jwtauth.throttle;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Failed-login count of one username or client address, shared by every replica. */
@Entity
@Table(name = "login_throttle")
public class ThrottleEntry {

    /** {@code u:} or {@code a:} followed by the SHA-256 of the normalized username or address. */
    @Id
    @Column(name = "throttle_key")
    public String key;

    @Column(nullable = false)
    public int failures;

    /** First failure of the address window; last failure for a username. */
    @Column(name = "window_start", nullable = false)
    public Instant windowStart;

    @Column(name = "locked_until")
    public Instant lockedUntil;
}
