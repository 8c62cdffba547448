package org.jwtauth.throttle;

import java.time.Instant;

/** Failed-login count of one username or client address (a row of {@code login_throttle}), shared by every replica. */
public class ThrottleEntry {

    /** {@code u:} or {@code a:} followed by the SHA-256 of the normalized username or address. */
    public String key;

    public int failures;

    /** First failure of the address window; last failure for a username. */
    public Instant windowStart;

    public Instant lockedUntil;
}
