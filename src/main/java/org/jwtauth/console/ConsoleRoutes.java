package org.jwtauth.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The web console's HTTP rules (SPEC §12): {@code /console} redirects to {@code /console/}, where the
 * static files under {@code META-INF/resources/console} are served, and every answer under
 * {@code /console} carries a Content-Security-Policy that allows only the service's own files.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String PATH = "/console";
    /** No inline script or style, nothing from elsewhere; the API is on this origin. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    // after the request id, before the static files and REST routes
    private static final int ORDER = -900;

    void install(@Observes Router router) {
        router.routeWithRegex(PATH + "(/.*)?").order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        context.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                // revalidate each time, so a new release of the console is seen on the next load
                .set("Cache-Control", "no-cache");
        if (context.normalizedPath().equals(PATH)) {
            // relative URLs inside the console resolve against /console/, so the bare path must redirect
            context.response().setStatusCode(301).putHeader("Location", PATH + "/").end();
            return;
        }
        context.next();
    }
}
