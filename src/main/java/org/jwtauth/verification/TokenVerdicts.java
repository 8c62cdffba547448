package org.jwtauth.verification;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Judges a token someone pasted exactly as a bearer token would be judged (SPEC §3), without
 * touching the cache of verified tokens or the rejection metric: a check is not a refused request.
 */
@ApplicationScoped
public class TokenVerdicts {

    private final AccessTokenVerifier verifier;

    public TokenVerdicts(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The verdict on {@code token}; whitespace around it is ignored, as around a bearer token. */
    public TokenVerdict judge(String token) {
        String candidate = token.strip();
        if (candidate.isEmpty()) {
            return TokenVerdict.refused(Rejection.EMPTY);
        }
        try {
            return TokenVerdict.accepted(verifier.verify(candidate));
        } catch (TokenRejectedException e) {
            return TokenVerdict.refused(e.rejection());
        }
    }
}
