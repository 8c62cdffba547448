package org.jwtauth.common.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id (SPEC §8): the caller's {@code X-Request-Id} when it is short and made of
 * safe characters, a generated UUID otherwise. The id is answered in {@code X-Request-Id} and put in
 * the logging MDC as {@code request_id}, so every log line of the request carries it (the MDC lives on
 * the request's Vert.x context and follows it to worker threads).
 */
@ApplicationScoped
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    static final int MAX_LENGTH = 64;
    // before every other route, so even a refused body or an unknown path gets its id
    private static final int ORDER = -1_000;
    // no spaces, quotes or control characters: the id is copied into log lines and headers as it is
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@+=/-]{1," + MAX_LENGTH + "}");

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String id = accept(context.request().getHeader(HEADER));
        MDC.put(MDC_KEY, id);
        context.put(MDC_KEY, id);
        context.response().headers().set(HEADER, id);
        context.addEndHandler(done -> MDC.remove(MDC_KEY));
        context.next();
    }

    /** The caller's id when it is acceptable as it is, otherwise a new one. */
    static String accept(String offered) {
        if (offered != null) {
            String candidate = offered.strip();
            if (SAFE.matcher(candidate).matches()) {
                return candidate;
            }
        }
        return randomId().toString();
    }

    // A version-4 UUID from a non-blocking source: an id names a request in logs and is no secret,
    // and UUID.randomUUID() takes a lock around /dev/urandom on every request.
    private static UUID randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
