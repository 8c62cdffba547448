package org.jwtauth.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A caller that closes its connection before its answer (a client timeout, a load balancer, a load
 * tool stopping) fails the request with {@link HttpClosedException}. Quarkus's last-resort handler logs
 * that at ERROR, one line per hang-up; under load that buries real failures. It is logged at DEBUG
 * here instead, and nothing is answered: there is no connection left to answer on.
 */
@ApplicationScoped
public class HungUpCallers {

    private static final Logger LOG = Logger.getLogger(HungUpCallers.class);
    // failure handlers run in route order: this one before every other
    private static final int ORDER = -2_000;

    void install(@Observes Router router) {
        router.route().order(ORDER).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (hungUp(context.failure())) {
            LOG.debugf("%s %s: the caller closed the connection before the answer",
                    context.request().method(), context.normalizedPath());
        } else {
            context.next();
        }
    }

    static boolean hungUp(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }
}
