package org.jwtauth.verification;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

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
@ApplicationScoped
public class AccessTokenVerifier {

    static final String ACCESS_TOKEN_TYPE = "at+jwt";
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    // deeper JSON than any real token needs is refused before a parser sees it
    private static final int MAX_JSON_DEPTH = 16;
    // NumericDate claims beyond the year 9999 are refused, so no conversion can overflow
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final AuthConfig config;
    private final KeyService keys;
    private final TokenEncryption encryption;
    private final RevocationState revocations;

    public AccessTokenVerifier(AuthConfig config, KeyService keys, TokenEncryption encryption,
            RevocationState revocations) {
        this.config = config;
        this.keys = keys;
        this.encryption = encryption;
        this.revocations = revocations;
    }

    /** Returns the verified claims or throws {@link TokenRejectedException} with the reason. */
    public JwtClaims verify(String token) throws TokenRejectedException {
        return verifyToken(token).claims();
    }

    /** Like {@link #verify}, keeping what {@link #recheck} needs to accept the same token again cheaply. */
    public VerifiedToken verifyToken(String token) throws TokenRejectedException {
        if (token.length() > config.token().maxSize()) {
            throw new TokenRejectedException("too_large", "The token is too large.");
        }
        String signed = isEncrypted(token) ? decrypt(token) : token;
        checkCompactForm(signed);
        JsonWebSignature jws = parse(signed);
        SigningKey key = checkHeader(jws);
        checkSignature(jws, key);
        checkType(jws);
        JwtClaims claims = parseClaims(jws);
        checkClaims(claims);
        VerifiedToken verified = describe(claims, key.kid());
        checkNotRevoked(verified);
        return verified;
    }

    /**
     * The checks whose answer can change after a token was verified: expiry, its key still being
     * trusted for the configured algorithm, and revocation. All in memory.
     */
    public void recheck(VerifiedToken token) throws TokenRejectedException {
        if (token.expiresAt() <= Instant.now().getEpochSecond()) {
            throw new TokenRejectedException("expired", "The token has expired.");
        }
        SigningKey key = keys.findVerificationKey(token.kid())
                .orElseThrow(() -> new TokenRejectedException("unknown_key", "The token was signed by an unknown key."));
        if (!keys.verificationAlgorithms().contains(key.algorithm())) {
            throw new TokenRejectedException("algorithm", "The token's algorithm is not accepted.");
        }
        checkNotRevoked(token);
    }

    private static VerifiedToken describe(JwtClaims claims, String kid) throws TokenRejectedException {
        try {
            Object sid = claims.getClaimValue("sid");
            return new VerifiedToken(claims, kid, claims.getExpirationTime().getValue(), claims.getIssuedAt().getValue(),
                    sid == null ? null : sid.toString(), claims.getJwtId(), claims.getSubject());
        } catch (MalformedClaimException e) {
            throw new TokenRejectedException("malformed", "The token is malformed: a registered claim has the wrong type.");
        }
    }

    private boolean isEncrypted(String token) {
        return encryption.enabled() && token.split("\\.", -1).length == 5;
    }

    /** The signed token inside a nested token; it then passes every check a plain signed token does. */
    private String decrypt(String token) throws TokenRejectedException {
        String[] parts = token.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            // ECDH-ES (direct key agreement) leaves the encrypted key part empty
            boolean emptyKey = i == 1 && parts[i].isEmpty();
            if (!emptyKey && (!BASE64URL.matcher(parts[i]).matches() || !isCanonicalBase64Url(parts[i]))) {
                throw new TokenRejectedException("malformed", "The token is malformed: invalid base64url encoding.");
            }
        }
        String inner = encryption.decrypt(token).orElseThrow(() -> new TokenRejectedException("decryption",
                "The encrypted token cannot be decrypted with the service's key."));
        if (inner.split("\\.", -1).length != 3) {
            throw new TokenRejectedException("malformed", "The encrypted token does not contain a signed token.");
        }
        return inner;
    }

    private static void checkCompactForm(String token) throws TokenRejectedException {
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw new TokenRejectedException("malformed", "The token is malformed: encrypted tokens are not accepted here.");
        }
        if (parts.length != 3) {
            throw new TokenRejectedException("malformed", "The token is malformed: expected three dot-separated parts.");
        }
        for (int i = 0; i < parts.length; i++) {
            // an empty signature is left to the algorithm and signature checks, which name the reason
            boolean emptySignature = i == 2 && parts[i].isEmpty();
            if (!emptySignature && (!BASE64URL.matcher(parts[i]).matches() || !isCanonicalBase64Url(parts[i]))) {
                throw new TokenRejectedException("malformed", "The token is malformed: invalid base64url encoding.");
            }
        }
        for (int i = 0; i < 2; i++) {
            if (JsonDepth.exceeds(Base64.getUrlDecoder().decode(parts[i]), MAX_JSON_DEPTH)) {
                throw new TokenRejectedException("malformed", "The token is malformed: its JSON is nested too deeply.");
            }
        }
    }

    /** The JOSE library tolerates padding bits and odd lengths; we accept only the canonical form. */
    private static boolean isCanonicalBase64Url(String part) {
        if (part.length() % 4 == 1) {
            return false;
        }
        try {
            byte[] decoded = Base64.getUrlDecoder().decode(part);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(part);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonWebSignature parse(String token) throws TokenRejectedException {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            return jws;
        } catch (JoseException | RuntimeException e) {
            throw new TokenRejectedException("malformed", "The token is malformed: its header is not a JSON object.");
        }
    }

    private SigningKey checkHeader(JsonWebSignature jws) throws TokenRejectedException {
        try {
            return checkHeaderValues(jws);
        } catch (ClassCastException e) {
            // alg, kid or typ given as a number, an array or an object
            throw new TokenRejectedException("malformed", "The token is malformed: a header parameter has the wrong type.");
        }
    }

    private SigningKey checkHeaderValues(JsonWebSignature jws) throws TokenRejectedException {
        String alg = jws.getAlgorithmHeaderValue();
        if (alg == null || !keys.verificationAlgorithms().contains(alg)) {
            throw new TokenRejectedException("algorithm", "The token's algorithm is not accepted.");
        }
        if (jws.getHeaders().getObjectHeaderValue("crit") != null) {
            throw new TokenRejectedException("malformed", "The token has critical header parameters this service does not understand.");
        }
        String kid = jws.getKeyIdHeaderValue();
        if (kid == null) {
            throw new TokenRejectedException("unknown_key", "The token names no signing key (kid).");
        }
        SigningKey key = keys.findVerificationKey(kid)
                .orElseThrow(() -> new TokenRejectedException("unknown_key", "The token was signed by an unknown key."));
        if (!key.algorithm().equals(alg)) {
            throw new TokenRejectedException("algorithm", "The token's algorithm does not match its key.");
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
            throw new TokenRejectedException("signature", "The token's signature is invalid.");
        }
    }

    private static void checkType(JsonWebSignature jws) throws TokenRejectedException {
        Object typ = jws.getHeaders().getObjectHeaderValue("typ");
        if (typ != null && !(typ instanceof String)) {
            throw new TokenRejectedException("malformed", "The token is malformed: a header parameter has the wrong type.");
        }
        checkType((String) typ);
    }

    private static void checkType(String typ) throws TokenRejectedException {
        String normalized = typ == null ? "" : typ.toLowerCase(Locale.ROOT);
        if (!normalized.equals(ACCESS_TOKEN_TYPE) && !normalized.equals("application/" + ACCESS_TOKEN_TYPE)) {
            throw new TokenRejectedException("wrong_type", "The token is of the wrong type: an access token (typ at+jwt) is required.");
        }
    }

    private static JwtClaims parseClaims(JsonWebSignature jws) throws TokenRejectedException {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(jws.getEncodedPayload()), StandardCharsets.UTF_8);
            return JwtClaims.parse(payload);
        } catch (Exception e) {
            throw new TokenRejectedException("malformed", "The token is malformed: its payload is not a JSON object.");
        }
    }

    private void checkClaims(JwtClaims claims) throws TokenRejectedException {
        try {
            if (!config.issuer().equals(claims.getIssuer())) {
                throw new TokenRejectedException("wrong_issuer", "The token has the wrong issuer.");
            }
            List<String> audience = claims.hasAudience() ? claims.getAudience() : List.of();
            if (!audience.contains(config.effectiveAudience())) {
                throw new TokenRejectedException("wrong_audience", "The token has the wrong audience.");
            }
            checkTimes(claims);
            if (claims.getSubject() == null || claims.getSubject().isBlank()) {
                throw new TokenRejectedException("malformed", "The token has no subject.");
            }
        } catch (MalformedClaimException e) {
            throw new TokenRejectedException("malformed", "The token is malformed: a registered claim has the wrong type.");
        }
    }

    // In-memory only (RevocationState): this runs on the event loop for every request.
    private void checkNotRevoked(VerifiedToken token) throws TokenRejectedException {
        if (revocations.isRevoked(token.sessionId(), token.tokenId(), token.subject(), token.issuedAt())) {
            throw new TokenRejectedException("revoked", "The token has been revoked.");
        }
    }

    private void checkTimes(JwtClaims claims) throws MalformedClaimException, TokenRejectedException {
        for (String name : List.of("exp", "iat", "nbf")) {
            checkNumericDateRange(claims.getClaimValue(name));
        }
        long now = Instant.now().getEpochSecond();
        long leeway = config.token().clockLeeway().toSeconds();
        NumericDate exp = claims.getExpirationTime();
        NumericDate iat = claims.getIssuedAt();
        if (exp == null) {
            throw new TokenRejectedException("malformed", "The token has no expiry (exp).");
        }
        if (iat == null) {
            throw new TokenRejectedException("malformed", "The token has no issue time (iat).");
        }
        if (exp.getValue() <= now) {
            throw new TokenRejectedException("expired", "The token has expired.");
        }
        if (iat.getValue() > now + leeway) {
            throw new TokenRejectedException("not_yet_valid", "The token is not yet valid: it was issued in the future.");
        }
        NumericDate nbf = claims.getNotBefore();
        if (nbf != null && nbf.getValue() > now + leeway) {
            throw new TokenRejectedException("not_yet_valid", "The token is not yet valid.");
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
            throw new TokenRejectedException("malformed", "The token is malformed: a time claim is not a number in range.");
        }
    }
}
