package org.jwtauth.oidc;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;
import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.keys.KeyService;
import org.jwtauth.keys.SigningKey;

/**
 * Reads an {@code id_token_hint} (OpenID Connect RP-Initiated Logout §2): an ID token this service
 * signed, with one of its keys and {@code typ: JWT}, for this issuer. It may have expired: it only says
 * which sign-in to end, it grants nothing.
 */
@ApplicationScoped
class IdTokenHints {

    /** Whose sign-in the hint names, and which client it was issued to. */
    record Hint(UUID userId, List<String> audience, UUID browserSessionId) {
    }

    private final KeyService keys;
    private final String issuer;

    IdTokenHints(KeyService keys, AuthConfig config) {
        this.keys = keys;
        this.issuer = config.issuer();
    }

    Optional<Hint> read(String idToken) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(idToken);
            String alg = jws.getAlgorithmHeaderValue();
            String kid = jws.getKeyIdHeaderValue();
            Optional<SigningKey> key = kid == null ? Optional.empty() : keys.findVerificationKey(kid);
            if (alg == null || key.isEmpty() || !key.get().algorithm().equals(alg)
                    || !IdTokenIssuer.TYPE.equals(jws.getHeader("typ"))) {
                return Optional.empty();
            }
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
            jws.setKey(key.get().verificationKey());
            if (!jws.verifySignature()) {
                return Optional.empty();
            }
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            if (!issuer.equals(claims.getIssuer()) || claims.getSubject() == null) {
                return Optional.empty();
            }
            return Optional.of(new Hint(UUID.fromString(claims.getSubject()), claims.getAudience(),
                    UUID.fromString(claims.getStringClaimValue("sid"))));
        } catch (JoseException | InvalidJwtException | MalformedClaimException | RuntimeException e) {
            return Optional.empty(); // not an ID token of ours: answered as such, never a 500
        }
    }
}
