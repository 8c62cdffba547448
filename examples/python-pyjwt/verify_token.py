"""Verifies jwt-auth-service access tokens offline with PyJWT, as a Python service would (SPEC §13).

Usage: verify_token.py JWKS_URL ISSUER AUDIENCE < tokens   (one token per line)
Prints one line per token: "ok <sub> <groups>" or "refused <reason>".
"""
import sys

import jwt
from jwt import PyJWKClient

# The keys are cached (PyJWKClient re-reads the JWKS for a kid it does not know).
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]


def verify(client, token, issuer, audience):
    # PyJWT does not look at typ: check it, or an ID token (typ JWT) would pass as an access token
    if jwt.get_unverified_header(token).get("typ", "").lower() not in ("at+jwt", "application/at+jwt"):
        raise jwt.InvalidTokenError("not an access token (typ)")
    key = client.get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=ALGORITHMS, issuer=issuer, audience=audience,
                      options={"require": ["exp", "iat", "iss", "aud", "sub"]})


def main():
    jwks_url, issuer, audience = sys.argv[1:4]
    client = PyJWKClient(jwks_url, cache_keys=True, lifespan=300)
    for line in sys.stdin:
        token = line.strip()
        if not token:
            continue
        try:
            claims = verify(client, token, issuer, audience)
            print("ok", claims["sub"], ",".join(claims.get("groups", [])), flush=True)
        except (jwt.PyJWTError, ValueError) as e:
            print("refused", type(e).__name__, flush=True)


if __name__ == "__main__":
    main()
