package org.jwtauth.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.jwtauth.common.config.AuthConfig;

/**
 * Limits request bodies on {@code /auth/*} (SPEC §7, default 16 KiB): a declared or streamed
 * (chunked) body over the limit is answered {@code 413} with the JSON error body before any
 * resource sees it. The body is read here, and the REST layer takes it from the routing context.
 */
@ApplicationScoped
public class AuthBodyLimit {

    // before the REST layer's own route
    private static final int ORDER = -100;

    private final int maxBodySize;

    public AuthBodyLimit(AuthConfig config) {
        this.maxBodySize = config.request().maxBodySize();
    }

    void install(@Observes Router router) {
        router.route("/auth/*").order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize)
                        // an empty body must still be an (empty) buffer, or the REST layer waits for one that never comes
                        .setPreallocateBodyBuffer(true)
                        .setDeleteUploadedFilesOnEnd(true))
                .failureHandler(this::refuse);
    }

    private void refuse(RoutingContext context) {
        int status = context.statusCode();
        if (status != 413 || context.response().headWritten()) {
            context.next();
            return;
        }
        String body = new JsonObject()
                .put("error", "request_too_large")
                .put("error_description", "The request body is larger than " + maxBodySize + " bytes.")
                .encode();
        // the rest of an oversized body is not read: the connection closes after the answer
        context.response().setStatusCode(413)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Connection", "close")
                .end(body);
    }
}
