package org.jwtauth.keys.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jose4j.jwk.JsonWebKey;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.security.Roles;
import org.jwtauth.keys.KeyService;

/** Public key set (JWKS) and server metadata (RFC 8414), for verifiers that work offline. */
@Path("/.well-known")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

    private final KeyService keys;
    private final AuthConfig config;

    public WellKnownResource(KeyService keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Path("jwks.json")
    @Operation(summary = "Public keys that verify the service's tokens")
    public Response jwks() {
        List<Map<String, Object>> jwks = keys.publishedKeys().stream()
                .map(k -> k.publicJwk().toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .toList();
        return Response.ok(Map.of("keys", jwks))
                // shorter than the next key's lead time, so a cached set always holds the key that signs next
                .header("Cache-Control", "public, max-age=" + config.keys().jwksMaxAge().toSeconds())
                .build();
    }

    @GET
    @Path("openid-configuration")
    @Operation(summary = "Discovery document (OpenID Connect Discovery form)")
    public Map<String, Object> openidConfiguration() {
        return metadata();
    }

    @GET
    @Path("oauth-authorization-server")
    @Operation(summary = "Authorization server metadata (RFC 8414)")
    public Map<String, Object> authorizationServer() {
        return metadata();
    }

    private Map<String, Object> metadata() {
        String issuer = config.issuer();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        List<String> algorithms = List.copyOf(keys.verificationAlgorithms());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("jwks_uri", base + "/.well-known/jwks.json");
        metadata.put("authorization_endpoint", base + "/auth/authorize");
        metadata.put("token_endpoint", base + "/auth/token");
        metadata.put("userinfo_endpoint", base + "/auth/userinfo");
        metadata.put("end_session_endpoint", base + "/auth/end-session");
        metadata.put("revocation_endpoint", base + "/auth/revoke");
        metadata.put("introspection_endpoint", base + "/auth/introspect");
        metadata.put("grant_types_supported", List.of("authorization_code", "refresh_token", "password", "client_credentials"));
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("response_modes_supported", List.of("query"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        // roles are scopes too (least privilege); openid asks for an ID token
        metadata.put("scopes_supported", List.of("openid", Roles.USER, Roles.ADMIN, Roles.INTROSPECT));
        metadata.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "sid",
                "azp", "preferred_username", "upn", "groups", "scope", "client_id", "jti"));
        metadata.put("prompt_values_supported", List.of("none", "login"));
        metadata.put("authorization_response_iss_parameter_supported", true);
        // "none": public clients name themselves with client_id alone and prove themselves with PKCE
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        metadata.put("revocation_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        metadata.put("id_token_signing_alg_values_supported", algorithms);
        metadata.put("access_token_signing_alg_values_supported", algorithms);
        return metadata;
    }
}
