package org.jwtauth.throttle;

import java.time.Duration;

/** A failure reached a limit: the username or the client address is refused for {@code duration}. */
public record LockStarted(LoginThrottle.Scope scope, String username, String clientAddress, Duration duration) {
}
