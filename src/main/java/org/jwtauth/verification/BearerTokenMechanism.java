package org.jwtauth.verification;

import java.util.List;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.BearerChallenges;
import org.jwtauth.common.metrics.AuthMetrics;

/**
 * Reads the bearer token from the one {@code Authorization} header (scheme case-insensitive,
 * never from the query string or a cookie), verifies it with {@link AccessTokenParser} and makes
 * the identity {@code @RolesAllowed} and the injected {@code JsonWebToken} read.
 */
@Alternative
@Priority(1)
@Singleton
class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer";

    private final AuthConfig config;
    private final AuthMetrics metrics;
    private final AccessTokenParser parser;

    BearerTokenMechanism(AuthConfig config, AuthMetrics metrics, AccessTokenParser parser) {
        this.config = config;
        this.metrics = metrics;
        this.parser = parser;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        List<String> headers = context.request().headers().getAll(HttpHeaderNames.AUTHORIZATION);
        if (headers.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        if (headers.size() > 1) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    new MalformedAuthorizationException("Send exactly one Authorization header.")));
        }
        String token = bearerToken(headers.get(0));
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        if (token.length() > config.token().maxSize()) {
            return refuse(Rejection.TOO_LARGE);
        }
        if (token.isEmpty()) {
            return refuse(Rejection.EMPTY);
        }
        try {
            return Uni.createFrom().item(identity(parser.verified(token), context));
        } catch (TokenRejectedException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e));
        }
    }

    /**
     * The identity {@link #authenticate} would give this request when its one bearer token was
     * verified before and still passes every check that can change; null otherwise (no or another
     * credential, a token not cached or refused now), and then {@link #authenticate} decides.
     */
    SecurityIdentity knownIdentity(RoutingContext context) {
        List<String> headers = context.request().headers().getAll(HttpHeaderNames.AUTHORIZATION);
        if (headers.size() != 1) {
            return null;
        }
        String token = bearerToken(headers.get(0));
        if (token == null || token.isEmpty() || token.length() > config.token().maxSize()) {
            return null;
        }
        AccessTokenParser.Verified verified = parser.known(token);
        return verified == null ? null : identity(verified, context);
    }

    /**
     * The identity MicroProfile JWT's own validator would build (principal, credential, roles,
     * routing context), made here from the parser's verified entry: on every request with a known
     * token this skips the identity-provider chain, its context propagation and fresh role sets.
     */
    private static SecurityIdentity identity(AccessTokenParser.Verified verified, RoutingContext context) {
        return new TokenIdentity(verified, context);
    }

    private Uni<SecurityIdentity> refuse(Rejection rejection) {
        metrics.tokenRejected(rejection.code());
        return Uni.createFrom().failure(new AuthenticationFailedException(rejection.exception()));
    }

    /** The credentials after a case-insensitive {@code Bearer} scheme, or null for another scheme. */
    static String bearerToken(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        int schemeLength = space < 0 ? value.length() : space;
        if (schemeLength != BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, schemeLength)) {
            return null;
        }
        return space < 0 ? "" : value.substring(space + 1).strip();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaderNames.WWW_AUTHENTICATE,
                BearerChallenges.missingToken(config.realm())));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, BEARER));
    }
}
