// Verifies jwt-auth-service access tokens offline with jose, as a Node service would (SPEC §13).
// Usage: node verify-token.mjs JWKS_URL ISSUER AUDIENCE < tokens   (one token per line)
// Prints one line per token: "ok <sub> <groups>" or "refused <code>".
import { createInterface } from 'node:readline';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [jwksUrl, issuer, audience] = process.argv.slice(2);
// cached; an unknown kid makes it re-read the set, at most once per cooldown
const jwks = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: 300_000, cooldownDuration: 5_000 });

for await (const line of createInterface({ input: process.stdin })) {
  const token = line.trim();
  if (!token) continue;
  try {
    // typ: an ID token (typ JWT) is not an access token
    const { payload } = await jwtVerify(token, jwks, { issuer, audience, typ: 'at+jwt', requiredClaims: ['sub', 'exp', 'iat'] });
    console.log('ok', payload.sub, (payload.groups ?? []).join(','));
  } catch (e) {
    console.log('refused', e.code ?? e.name);
  }
}
