package org.jwtauth.examples.downstream;

import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A downstream API: the token is already verified against jwt-auth-service's JWKS, roles come from {@code groups}. */
@RestController
@RequestMapping("/orders")
public class OrderController {

    @GetMapping("/mine")
    @PreAuthorize("hasRole('user')")
    public Map<String, Object> mine(JwtAuthenticationToken authentication) {
        Jwt token = authentication.getToken();
        // ROLE_ + each of groups, and FACTOR_BEARER, which Spring Security 7 adds to every bearer token
        List<String> authorities = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).sorted().toList();
        // the kid names the JWKS key that verified the signature
        return Map.of("user", token.getClaimAsString("upn"), "subject", token.getSubject(),
                "authorities", authorities, "kid", String.valueOf(token.getHeaders().get("kid")));
    }

    @GetMapping("/all")
    @PreAuthorize("hasRole('admin')")
    public Map<String, Object> all(JwtAuthenticationToken authentication) {
        return Map.of("orders", 0, "user", authentication.getToken().getClaimAsString("upn"));
    }

    @GetMapping("/health")
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
