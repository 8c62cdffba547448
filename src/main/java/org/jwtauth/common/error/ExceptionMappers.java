package org.jwtauth.common.error;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.persistence.DatabaseUnavailable;

/** Maps every failure to the one JSON error body; never a stack trace or a class name. */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);
    private static final Map<Integer, String> CODES = Map.of(
            400, "invalid_request", 401, "unauthorized", 403, "forbidden", 404, "not_found",
            405, "method_not_allowed", 406, "not_acceptable", 409, "conflict",
            413, "request_too_large", 415, "unsupported_media_type", 429, "too_many_requests");

    private final AuthConfig config;

    public ExceptionMappers(AuthConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public Response authException(AuthException e) {
        return answer(e);
    }

    /** A refused bearer token or Authorization header: the problem travels as the failure's cause. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        ApiProblem problem = findCause(e, ApiProblem.class);
        if (problem != null) {
            return answer(problem);
        }
        String reason = "The token is invalid.";
        return json(401, "invalid_token", reason)
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenges.invalidToken(config.realm(), reason))
                .build();
    }

    private Response answer(ApiProblem problem) {
        Response.ResponseBuilder builder = json(problem.status(), problem.error(), problem.description());
        problem.headers(config.realm()).forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return json(401, "unauthorized", "A bearer token is required.")
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenges.missingToken(config.realm()))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        String description = "The token does not carry a role this resource requires.";
        return json(403, "insufficient_scope", description)
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenges.insufficientScope(config.realm(), description))
                .build();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
        String description = field == null
                ? "The request body does not have the expected shape."
                : "The field '" + field + "' is missing or has the wrong type.";
        return json(400, "invalid_request", description).build();
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return json(400, "invalid_request", "The request body is not valid JSON of the expected shape.").build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", withoutMessages(e));
            return json(500, "server_error", "The server could not handle the request.").build();
        }
        if (status == 400 && findCause(e, JsonProcessingException.class) != null) {
            // the REST layer wraps what Jackson refused (too deep, too long, malformed) in a 400
            return json(400, "invalid_request", "The request body is not valid JSON of the expected shape.").build();
        }
        String description = switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "That method is not allowed on this resource.";
            case 406 -> "No acceptable representation.";
            case 415 -> "That content type is not supported here.";
            case 413 -> "The request body is too large.";
            default -> "The request is invalid.";
        };
        Response.ResponseBuilder builder = json(status, CODES.getOrDefault(status, "invalid_request"), description);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    /**
     * Bad input the framework rejects before any resource runs: a form body with broken
     * percent-encoding, or a Content-Type or Accept header that is not a media type.
     */
    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        if (thrownBy(e, "java.net.URLDecoder")) {
            return json(400, "invalid_request", "The form body is not valid URL encoding.").build();
        }
        if (thrownBy(e, "org.jboss.resteasy.reactive.common.headers.MediaTypeHeaderDelegate")) {
            return json(400, "invalid_request", "A Content-Type or Accept header is not a valid media type.").build();
        }
        return unexpected(e);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (DatabaseUnavailable.isCause(e)) {
            LOG.warnf("Database unavailable: %s", e.getClass().getName());
            return json(503, "temporarily_unavailable", "The service cannot reach its database; try again shortly.")
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        LOG.error("Unexpected failure", withoutMessages(e));
        return json(500, "server_error", "The server could not handle the request.").build();
    }

    private static boolean thrownBy(Throwable e, String className) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same exception chain with every message replaced by the class name: messages of unexpected
     * failures may quote request data (a password fragment in a decoder error), stack frames do not.
     */
    static Throwable withoutMessages(Throwable e) {
        Throwable cause = e.getCause() == null || e.getCause() == e ? null : withoutMessages(e.getCause());
        Throwable copy = new RuntimeException(e.getClass().getName() + " (message withheld)", cause);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static <T> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Response.ResponseBuilder json(int status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error, description));
    }
}
