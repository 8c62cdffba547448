package org.jwtauth.token;

import java.util.UUID;

/** A password check ran: {@code userId} is set only when it succeeded. */
public record LoginAttempted(String username, UUID userId, String clientAddress, boolean succeeded) {
}
