package org.jwtauth.verification;

/**
 * Every reason a bearer token is refused (SPEC §3): a stable code for the metric label, and a text
 * that is safe to show the caller, because "why was my token refused?" deserves an exact answer.
 */
public enum Rejection {
    EMPTY("malformed", "The token is malformed: it is empty."),
    TOO_LARGE("too_large", "The token is too large."),
    PARTS("malformed", "The token is malformed: expected three dot-separated parts."),
    ENCRYPTED_NOT_ACCEPTED("malformed", "The token is malformed: encrypted tokens are not accepted here."),
    BASE64("malformed", "The token is malformed: invalid base64url encoding."),
    NESTED_TOO_DEEP("malformed", "The token is malformed: its JSON is nested too deeply."),
    HEADER_NOT_JSON("malformed", "The token is malformed: its header is not a JSON object."),
    HEADER_TYPE("malformed", "The token is malformed: a header parameter has the wrong type."),
    CRITICAL_HEADER("malformed", "The token has critical header parameters this service does not understand."),
    PAYLOAD_NOT_JSON("malformed", "The token is malformed: its payload is not a JSON object."),
    CLAIM_TYPE("malformed", "The token is malformed: a registered claim has the wrong type."),
    TIME_RANGE("malformed", "The token is malformed: a time claim is not a number in range."),
    NO_SUBJECT("malformed", "The token has no subject."),
    NO_EXPIRY("malformed", "The token has no expiry (exp)."),
    NO_ISSUED_AT("malformed", "The token has no issue time (iat)."),
    NOT_NESTED("malformed", "The encrypted token does not contain a signed token."),
    DECRYPTION("decryption", "The encrypted token cannot be decrypted with the service's key."),
    ALGORITHM("algorithm", "The token's algorithm is not accepted."),
    ALGORITHM_MISMATCH("algorithm", "The token's algorithm does not match its key."),
    NO_KEY_ID("unknown_key", "The token names no signing key (kid)."),
    UNKNOWN_KEY("unknown_key", "The token was signed by an unknown key."),
    SIGNATURE("signature", "The token's signature is invalid."),
    WRONG_TYPE("wrong_type", "The token is of the wrong type: an access token (typ at+jwt) is required."),
    WRONG_ISSUER("wrong_issuer", "The token has the wrong issuer."),
    WRONG_AUDIENCE("wrong_audience", "The token has the wrong audience."),
    EXPIRED("expired", "The token has expired."),
    ISSUED_IN_FUTURE("not_yet_valid", "The token is not yet valid: it was issued in the future."),
    NOT_YET_VALID("not_yet_valid", "The token is not yet valid."),
    REVOKED("revoked", "The token has been revoked.");

    private final String code;
    private final String text;

    Rejection(String code, String text) {
        this.code = code;
        this.text = text;
    }

    /** Short stable tag, the {@code reason} label of the verification-failure metric. */
    public String code() {
        return code;
    }

    /** What the caller is told in {@code error_description}. */
    public String text() {
        return text;
    }

    TokenRejectedException exception() {
        return new TokenRejectedException(this);
    }
}
