package org.jwtauth.examples.downstream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.web.SecurityFilterChain;

/** A Spring Boot resource server trusting jwt-auth-service's access tokens; roles checked with {@code @PreAuthorize}. */
@SpringBootApplication
@EnableMethodSecurity
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }

    // Spring Security 7 accepts only typ "JWT" by default; the service's access tokens are "at+jwt" (RFC 9068).
    // Boot adds this bean to the decoder's validators, where it replaces the default typ check, so an ID
    // token (typ "JWT") is refused here.
    @Bean
    JwtTypeValidator accessTokenType() {
        return new JwtTypeValidator("at+jwt");
    }

    // Every request needs a valid bearer token except the health probe; the roles are checked per method.
    @Bean
    SecurityFilterChain orders(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/orders/health").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
