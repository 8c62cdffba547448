package org.jwtauth.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A shortcut in front of Quarkus's lazy authentication for requests that carry a bearer token the
 * service verified before (SPEC §9: a protected GET within 0.9× a public one).
 * <p>
 * Quarkus resolves the identity of a request only when an endpoint asks for it, through a chain of
 * Mutiny operators with context propagation around every step and the HTTP authenticator's own
 * chain around {@link BearerTokenMechanism}: several microseconds on a request that itself costs
 * about forty. This route wraps that lazy identity in one that, when asked, first looks the token up
 * in the verified-token cache and rechecks what can change (expiry, key, revocation); a hit answers
 * at once with the identity the mechanism would have built. Anything else (no token, a token not
 * cached, refused, two headers) goes to Quarkus's chain unchanged, which then answers with the
 * exact refusal. Still lazy: a public endpoint never asks, so a bad token there stays ignored.
 */
@ApplicationScoped
class KnownTokenRoute {

    // after Quarkus's authentication handler (order -200) has put the lazy identity in the context,
    // before its authorization handler (-100) and every endpoint
    private static final int ORDER = -150;

    private final BearerTokenMechanism mechanism;

    KnownTokenRoute(BearerTokenMechanism mechanism) {
        this.mechanism = mechanism;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::wrap);
    }

    private void wrap(RoutingContext context) {
        Uni<SecurityIdentity> lazy = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (lazy != null && context.request().headers().contains(HttpHeaderNames.AUTHORIZATION)) {
            context.put(QuarkusHttpUser.DEFERRED_IDENTITY_KEY, new KnownOrLazyIdentity(lazy, context, mechanism));
        }
        context.next();
    }

    /** The identity from the cache when the token is known and still good, else Quarkus's lazy one. */
    static final class KnownOrLazyIdentity extends AbstractUni<SecurityIdentity> {

        private static final UniSubscription NOTHING_TO_CANCEL = () -> {
        };

        private final Uni<SecurityIdentity> lazy;
        private final RoutingContext context;
        private final BearerTokenMechanism mechanism;
        // one request's state: asked from the event loop, then perhaps from a worker thread
        private volatile SecurityIdentity known;
        private volatile boolean useLazy;

        KnownOrLazyIdentity(Uni<SecurityIdentity> lazy, RoutingContext context, BearerTokenMechanism mechanism) {
            this.lazy = lazy;
            this.context = context;
            this.mechanism = mechanism;
        }

        @Override
        public void subscribe(UniSubscriber<? super SecurityIdentity> subscriber) {
            SecurityIdentity identity = known;
            if (identity == null && !useLazy) {
                identity = mechanism.knownIdentity(context);
                if (identity == null) {
                    // decided once per request: every later question gets the same (memoized) answer
                    useLazy = true;
                } else {
                    known = identity;
                    // what Quarkus's lazy chain does once it has the identity
                    context.setUser(new QuarkusHttpUser(identity));
                }
            }
            if (identity == null) {
                AbstractUni.subscribe(lazy, subscriber);
                return;
            }
            subscriber.onSubscribe(NOTHING_TO_CANCEL);
            subscriber.onItem(identity);
        }
    }
}
