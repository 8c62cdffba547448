package org.jwtauth.audit;

import java.time.Instant;

/** Which events to list; every field may be null (no filter). */
public record AuditFilter(String username, AuditType type, Instant since, Instant until) {
}
