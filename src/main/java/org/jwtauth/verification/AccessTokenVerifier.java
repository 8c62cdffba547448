package org.jwtauth.verification;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.keys.KeyService;
import org.jwtauth.keys.SigningKey;
import org.jwtauth.keys.TokenEncryption;
import org.jwtauth.sessions.RevocationState;

/**
 * Verifies an access token by every rule of SPEC §3 and names the first one it breaks.
 * Only keys the service holds are used: {@code jku}, {@code x5u} and {@code jwk} headers are never read.
 * With {@code auth.token.encryption.enabled} a nested token is decrypted first, then fully verified.
 */
@Singleton
public class AccessTokenVerifier {

    /** The {@code typ} of every access token (RFC 9068 §2.1). */
    public static final String TOKEN_TYPE = "at+jwt";
    // NumericDate claims beyond the year 9999 are refused, so no conversion can overflow
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final AuthConfig config;
    private final KeyService keys;
    private final TokenEncryption encryption;
    private final RevocationState revocations;
    private final Clock clock;

    public AccessTokenVerifier(AuthConfig config, KeyService keys, TokenEncryption encryption,
            RevocationState revocations, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.encryption = encryption;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** The verified token, or {@link TokenRejectedException} naming the first rule it breaks. */
    public VerifiedAccessToken verify(String token) throws TokenRejectedException {
        if (token.length() > config.token().maxSize()) {
            throw Rejection.TOO_LARGE.exception();
        }
        String signed = encryption.enabled() && CompactForm.looksEncrypted(token) ? decrypt(token) : token;
        CompactForm.requireSigned(signed);
        JsonWebSignature jws = parse(signed);
        SigningKey key = checkHeader(jws);
        checkSignature(jws, key);
        checkType(jws);
        JwtClaims claims = parseClaims(jws);
        checkClaims(claims);
        VerifiedAccessToken verified = VerifiedAccessToken.of(claims, key.kid());
        checkNotRevoked(verified);
        return verified;
    }

    /**
     * The checks whose answer can change after a token was verified: expiry, its key still being
     * trusted for the configured algorithm, and revocation. All in memory. A token that passed them is
     * passed again without the lookups while no revocation was added, the keys were not reloaded and
     * neither it nor its key has expired since: the answer could only change with one of those.
     */
    public void recheck(VerifiedAccessToken token) throws TokenRejectedException {
        long now = clock.millis();
        VerifiedAccessToken.Passed passed = token.passed();
        if (passed != null && now < passed.untilMillis() && passed.revocationVersion() == revocations.version()
                && passed.keysVersion() == keys.keysVersion()) {
            return;
        }
        // read before the checks: a revocation or reload landing during them makes the next use check again
        long revocationVersion = revocations.version();
        Object keysVersion = keys.keysVersion();
        if (token.expiresAt() <= Math.floorDiv(now, 1000)) {
            throw Rejection.EXPIRED.exception();
        }
        SigningKey key = keys.findVerificationKey(token.kid(), Instant.ofEpochMilli(now))
                .orElseThrow(Rejection.UNKNOWN_KEY::exception);
        if (!keys.verificationAlgorithms().contains(key.algorithm())) {
            throw Rejection.ALGORITHM.exception();
        }
        checkNotRevoked(token);
        long until = token.expiresAt() * 1000;
        if (key.publishedUntil() != null) {
            until = Math.min(until, key.publishedUntil().toEpochMilli());
        }
        token.passed(new VerifiedAccessToken.Passed(until, revocationVersion, keysVersion));
    }

    /** The signed token inside a nested token; it then passes every check a plain signed token does. */
    private String decrypt(String token) throws TokenRejectedException {
        CompactForm.requireEncrypted(token);
        String inner = encryption.decrypt(token).orElseThrow(Rejection.DECRYPTION::exception);
        if (inner.split("\\.", -1).length != 3) {
            throw Rejection.NOT_NESTED.exception();
        }
        return inner;
    }

    private static JsonWebSignature parse(String token) throws TokenRejectedException {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            return jws;
        } catch (JoseException | RuntimeException e) {
            throw Rejection.HEADER_NOT_JSON.exception();
        }
    }

    private SigningKey checkHeader(JsonWebSignature jws) throws TokenRejectedException {
        try {
            return checkHeaderValues(jws);
        } catch (ClassCastException e) {
            // alg, kid or typ given as a number, an array or an object
            throw Rejection.HEADER_TYPE.exception();
        }
    }

    private SigningKey checkHeaderValues(JsonWebSignature jws) throws TokenRejectedException {
        String alg = jws.getAlgorithmHeaderValue();
        if (alg == null || !keys.verificationAlgorithms().contains(alg)) {
            throw Rejection.ALGORITHM.exception();
        }
        if (jws.getHeaders().getObjectHeaderValue("crit") != null) {
            throw Rejection.CRITICAL_HEADER.exception();
        }
        String kid = jws.getKeyIdHeaderValue();
        if (kid == null) {
            throw Rejection.NO_KEY_ID.exception();
        }
        SigningKey key = keys.findVerificationKey(kid).orElseThrow(Rejection.UNKNOWN_KEY::exception);
        if (!key.algorithm().equals(alg)) {
            throw Rejection.ALGORITHM_MISMATCH.exception();
        }
        return key;
    }

    private static void checkSignature(JsonWebSignature jws, SigningKey key) throws TokenRejectedException {
        boolean valid;
        try {
            jws.setAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT, key.algorithm()));
            jws.setKey(key.verificationKey());
            valid = jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw Rejection.SIGNATURE.exception();
        }
    }

    private static void checkType(JsonWebSignature jws) throws TokenRejectedException {
        Object typ = jws.getHeaders().getObjectHeaderValue("typ");
        if (typ != null && !(typ instanceof String)) {
            throw Rejection.HEADER_TYPE.exception();
        }
        String normalized = typ == null ? "" : ((String) typ).toLowerCase(Locale.ROOT);
        if (!normalized.equals(TOKEN_TYPE) && !normalized.equals("application/" + TOKEN_TYPE)) {
            throw Rejection.WRONG_TYPE.exception();
        }
    }

    private static JwtClaims parseClaims(JsonWebSignature jws) throws TokenRejectedException {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(jws.getEncodedPayload()), StandardCharsets.UTF_8);
            return JwtClaims.parse(payload);
        } catch (Exception e) {
            throw Rejection.PAYLOAD_NOT_JSON.exception();
        }
    }

    private void checkClaims(JwtClaims claims) throws TokenRejectedException {
        try {
            if (!config.issuer().equals(claims.getIssuer())) {
                throw Rejection.WRONG_ISSUER.exception();
            }
            List<String> audience = claims.hasAudience() ? claims.getAudience() : List.of();
            if (!audience.contains(config.effectiveAudience())) {
                throw Rejection.WRONG_AUDIENCE.exception();
            }
            checkTimes(claims);
            if (claims.getSubject() == null || claims.getSubject().isBlank()) {
                throw Rejection.NO_SUBJECT.exception();
            }
        } catch (MalformedClaimException e) {
            throw Rejection.CLAIM_TYPE.exception();
        }
    }

    // In-memory only (RevocationState): this runs on the event loop for every request.
    private void checkNotRevoked(VerifiedAccessToken token) throws TokenRejectedException {
        if (revocations.isRevoked(token.rawSessionId(), token.tokenId(), token.subject(), token.issuedAtMillis())) {
            throw Rejection.REVOKED.exception();
        }
    }

    private void checkTimes(JwtClaims claims) throws MalformedClaimException, TokenRejectedException {
        for (String name : List.of("exp", "iat", "nbf")) {
            checkNumericDateRange(claims.getClaimValue(name));
        }
        long now = clock.instant().getEpochSecond();
        long leeway = config.token().clockLeeway().toSeconds();
        NumericDate exp = claims.getExpirationTime();
        NumericDate iat = claims.getIssuedAt();
        if (exp == null) {
            throw Rejection.NO_EXPIRY.exception();
        }
        if (iat == null) {
            throw Rejection.NO_ISSUED_AT.exception();
        }
        if (exp.getValue() <= now) {
            throw Rejection.EXPIRED.exception();
        }
        if (iat.getValue() > now + leeway) {
            throw Rejection.ISSUED_IN_FUTURE.exception();
        }
        NumericDate nbf = claims.getNotBefore();
        if (nbf != null && nbf.getValue() > now + leeway) {
            throw Rejection.NOT_YET_VALID.exception();
        }
    }

    /** A time claim must be a finite number from 0 to the year 9999: a huge one would wrap when converted. */
    private static void checkNumericDateRange(Object value) throws TokenRejectedException {
        if (value == null) {
            return;
        }
        boolean inRange = value instanceof Number number
                && !(number instanceof BigInteger big && big.bitLength() > 63)
                && !(number instanceof BigDecimal dec && dec.abs().compareTo(BigDecimal.valueOf(MAX_NUMERIC_DATE)) > 0)
                && Double.isFinite(number.doubleValue())
                && number.doubleValue() >= 0
                && number.doubleValue() <= MAX_NUMERIC_DATE;
        if (!inRange) {
            throw Rejection.TIME_RANGE.exception();
        }
    }
}
