package org.jwtauth.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jwtauth.clients.ClientChanged;
import org.jwtauth.keys.KeyRotated;
import org.jwtauth.oidc.SignInEvent;
import org.jwtauth.sessions.RefreshTokenReused;
import org.jwtauth.throttle.LockStarted;
import org.jwtauth.throttle.LoginThrottle;
import org.jwtauth.token.LoginAttempted;
import org.jwtauth.token.TokenRefreshed;
import org.jwtauth.token.TokensEnded;
import org.jwtauth.users.UserChanged;

/**
 * Turns what the features report into audit events. Observers run in the reporter's transaction
 * (or their own when it has none), so an event is kept exactly when the change it describes is.
 */
@ApplicationScoped
class AuditTrail {

    private final AuditService audit;

    AuditTrail(AuditService audit) {
        this.audit = audit;
    }

    void login(@Observes LoginAttempted e) {
        audit.record(e.succeeded() ? AuditType.LOGIN_SUCCESS : AuditType.LOGIN_FAILURE, e.userId(), e.username(),
                e.clientAddress(), Map.of());
    }

    void lock(@Observes LockStarted e) {
        AuditType type = e.scope() == LoginThrottle.Scope.USERNAME ? AuditType.ACCOUNT_LOCKED : AuditType.ADDRESS_BLOCKED;
        audit.record(type, null, e.username(), e.clientAddress(),
                Map.of("lock_seconds", Long.toString(e.duration().toSeconds())));
    }

    void refreshed(@Observes TokenRefreshed e) {
        audit.record(AuditType.TOKEN_REFRESHED, e.userId(), e.username(), e.clientAddress(),
                Map.of("session_id", e.sessionId().toString()));
    }

    void reused(@Observes RefreshTokenReused e) {
        audit.recordChange(AuditType.REFRESH_TOKEN_REUSED, e.userId(), e.username(),
                Map.of("session_id", e.sessionId().toString()));
    }

    void ended(@Observes TokensEnded e) {
        Map<String, String> details = new HashMap<>();
        if (e.sessionId() != null) {
            details.put("session_id", e.sessionId().toString());
        }
        AuditType type = switch (e.how()) {
            case REFRESH_TOKEN_REVOKED -> revoked(details, "refresh_token");
            case ACCESS_TOKEN_REVOKED -> {
                details.put("jti", e.tokenId());
                yield revoked(details, "access_token");
            }
            case LOGOUT -> AuditType.LOGOUT;
            case LOGOUT_ALL -> AuditType.LOGOUT_ALL;
        };
        audit.recordChange(type, e.userId(), e.username(), details);
    }

    private static AuditType revoked(Map<String, String> details, String kind) {
        details.put("kind", kind);
        return AuditType.TOKEN_REVOKED;
    }

    void user(@Observes UserChanged e) {
        switch (e.change()) {
            case CREATED -> audit.recordChange(AuditType.USER_CREATED, e.userId(), e.username(),
                    Map.of("roles", text(e.roles())));
            case UPDATED -> audit.recordChange(AuditType.USER_UPDATED, e.userId(), e.username(),
                    Map.of("roles", text(e.roles()), "enabled", Boolean.toString(e.enabled())));
            case DELETED -> audit.recordChange(AuditType.USER_DELETED, e.userId(), e.username(), Map.of());
            case PASSWORD_CHANGED -> audit.recordChange(AuditType.PASSWORD_CHANGED, e.userId(), e.username(), Map.of());
            case SESSIONS_ENDED -> audit.recordChange(AuditType.LOGOUT_ALL, e.userId(), e.username(), Map.of("by", "admin"));
            case LOCKOUT_CLEARED -> audit.recordChange(AuditType.LOCKOUT_CLEARED, e.userId(), e.username(), Map.of());
        }
    }

    void client(@Observes ClientChanged e) {
        switch (e.change()) {
            case CREATED -> audit.recordChange(AuditType.CLIENT_CREATED, null, null,
                    Map.of("client_id", e.clientId(), "roles", text(e.roles())));
            case DELETED -> audit.recordChange(AuditType.CLIENT_DELETED, null, null, Map.of("client_id", e.clientId()));
            case SECRET_ROTATED -> audit.recordChange(AuditType.CLIENT_SECRET_ROTATED, null, null,
                    Map.of("client_id", e.clientId()));
        }
    }

    void signIn(@Observes SignInEvent e) {
        Map<String, String> details = new HashMap<>();
        if (e.clientId() != null) {
            details.put("client_id", e.clientId());
        }
        if (e.sessionId() != null) {
            details.put("session_id", e.sessionId().toString());
        }
        AuditType type = switch (e.kind()) {
            case SIGNED_IN_WITH_PASSWORD -> {
                details.put("method", "password");
                yield AuditType.SIGN_IN;
            }
            case SIGNED_IN_BY_SESSION -> {
                details.put("method", "session");
                yield AuditType.SIGN_IN;
            }
            case CODE_EXCHANGED -> AuditType.AUTHORIZATION_CODE_EXCHANGED;
            case CODE_REUSED -> AuditType.AUTHORIZATION_CODE_REUSED;
            case SIGNED_OUT -> AuditType.SIGNED_OUT;
        };
        audit.record(type, e.userId(), e.username(), e.clientAddress(), details);
    }

    void keys(@Observes KeyRotated e) {
        if (e.requested()) {
            audit.recordChange(AuditType.KEY_ROTATED, null, null,
                    Map.of("current_kid", e.currentKid(), "new_next_kid", String.join(" ", e.createdKids())));
        } else {
            e.createdKids().forEach(kid -> audit.record(AuditType.KEY_ROTATED, null, null, null,
                    Map.of("kid", kid, "trigger", "schedule")));
        }
    }

    private static String text(Set<String> roles) {
        return String.join(" ", new TreeSet<>(roles));
    }
}
