package org.jwtauth.verification;

import java.security.Permission;
import java.security.Principal;
import java.util.Map;
import java.util.Set;

import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The identity of a request carrying a verified bearer token: what Quarkus's own builder would make
 * (principal, roles, the token as credential, the {@code quarkus.user} and routing-context attributes,
 * no permissions), but read from the token's cache entry instead of copied into fresh sets and maps
 * on every request.
 */
final class TokenIdentity implements SecurityIdentity {

    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();

    private final AccessTokenParser.Verified verified;
    private final RoutingContext context;

    TokenIdentity(AccessTokenParser.Verified verified, RoutingContext context) {
        this.verified = verified;
        this.context = context;
    }

    @Override
    public Principal getPrincipal() {
        return verified.principal();
    }

    @Override
    public boolean isAnonymous() {
        return false;
    }

    @Override
    public Set<String> getRoles() {
        return verified.roles();
    }

    @Override
    public boolean hasRole(String role) {
        return verified.roles().contains(role);
    }

    @Override
    public Set<Permission> getPermissions() {
        return Set.of();
    }

    @Override
    public <T extends Credential> T getCredential(Class<T> type) {
        Credential credential = verified.credential();
        return type.isInstance(credential) ? type.cast(credential) : null;
    }

    @Override
    public Set<Credential> getCredentials() {
        return Set.of(verified.credential());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
        if (USER_ATTRIBUTE.equals(name)) {
            return (T) verified.principal();
        }
        return ROUTING_CONTEXT.equals(name) ? (T) context : null;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return context == null ? Map.of(USER_ATTRIBUTE, verified.principal())
                : Map.of(USER_ATTRIBUTE, verified.principal(), ROUTING_CONTEXT, context);
    }

    @Override
    public Uni<Boolean> checkPermission(Permission permission) {
        return Uni.createFrom().item(false); // no permissions and no checkers, as Quarkus's identity without them
    }
}
