package org.jwtauth.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.jwtauth.common.config.AuthConfig;

/**
 * Limits request bodies (SPEC §7): on {@code /auth/*} to {@code auth.request.max-body-size} (16 KiB),
 * everywhere else to {@code auth.request.max-other-body-size} (64 KiB). A declared or streamed
 * (chunked) body over the limit is answered {@code 413} with the JSON error body before any
 * resource sees it. The body is read here, and the REST layer takes it from the routing context.
 */
@ApplicationScoped
public class AuthBodyLimit {

    // before the REST layer's own route
    private static final int ORDER = -100;

    private final int authLimit;
    private final int otherLimit;

    public AuthBodyLimit(AuthConfig config) {
        this.authLimit = config.request().maxBodySize();
        this.otherLimit = config.request().maxOtherBodySize();
    }

    void install(@Observes Router router) {
        limit(router.route("/auth/*").order(ORDER), authLimit, false);
        // every other path of the public port: the admin and user APIs took Quarkus's 10 MiB before;
        // only the limit's own 413 is answered here, other failures of those paths stay theirs
        limit(router.routeWithRegex("^(?!/auth/).*").order(ORDER), otherLimit, true);
    }

    private void limit(io.vertx.ext.web.Route route, int maxBodySize, boolean onlyTooLarge) {
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(maxBodySize)
                // an empty body must still be an (empty) buffer, or the REST layer waits for one that never comes
                .setPreallocateBodyBuffer(true)
                .setDeleteUploadedFilesOnEnd(true);
        route.handler(context -> limit(context, reader, maxBodySize))
                .failureHandler(context -> {
                    if (onlyTooLarge && context.statusCode() != 413) {
                        context.next();
                    } else {
                        refuse(context, maxBodySize);
                    }
                });
    }

    private void limit(RoutingContext context, BodyHandler reader, int maxBodySize) {
        if (declaredLength(context) > maxBodySize) {
            context.fail(413);
        } else if (context.request().version() == HttpVersion.HTTP_2) {
            // the REST layer cannot take a pre-read HTTP/2 body (it pauses the ended stream and fails); HTTP/2
            // bodies are checked by their declared length, and one without it by quarkus.http.limits.max-body-size
            context.next();
        } else {
            reader.handle(context);
        }
    }

    private static long declaredLength(RoutingContext context) {
        String header = context.request().getHeader("Content-Length");
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body could not be read: too large (413) or not decodable as the form it claims to be (400). */
    private void refuse(RoutingContext context, int maxBodySize) {
        int status = context.statusCode();
        if (status < 400 || status > 499 || context.response().headWritten()) {
            context.next();
            return;
        }
        boolean tooLarge = status == 413;
        String body = new JsonObject()
                .put("error", tooLarge ? "request_too_large" : "invalid_request")
                .put("error_description", tooLarge ? "The request body is larger than " + maxBodySize + " bytes."
                        : "The request body cannot be read as its Content-Type says.")
                .encode();
        HttpServerResponse response = context.response().setStatusCode(tooLarge ? 413 : 400)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store");
        if (tooLarge) {
            // the rest of an oversized body is not read: the connection closes after the answer
            response.putHeader("Connection", "close");
        }
        response.end(body);
    }
}
