// Decodes the parts of a compact JWS for display. Decoding proves nothing: only the service's
// verdict (POST /tokens/check) says whether a token is valid.

/** {header, claims} of a compact JWS, or throws an Error saying which part cannot be read. */
export function decode(token) {
    const parts = token.trim().split('.');
    if (parts.length === 5) {
        throw new Error('This is an encrypted token (JWE, five parts): only the service can read it.');
    }
    if (parts.length !== 3) {
        throw new Error(`A signed token has three dot-separated parts; this one has ${parts.length}.`);
    }
    return { header: part(parts[0], 'header'), claims: part(parts[1], 'payload') };
}

function part(text, name) {
    let json;
    try {
        const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
        const binary = atob(base64 + '='.repeat((4 - base64.length % 4) % 4));
        json = new TextDecoder().decode(Uint8Array.from(binary, c => c.charCodeAt(0)));
    } catch {
        throw new Error(`The token's ${name} is not valid base64url.`);
    }
    try {
        const value = JSON.parse(json);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            throw new Error('not an object');
        }
        return value;
    } catch {
        throw new Error(`The token's ${name} is not a JSON object.`);
    }
}

/** The header of a compact JWE (five parts), which is not encrypted itself. */
export function encryptedHeader(token) {
    return part(token.trim().split('.')[0], 'header');
}

const ENCRYPTION = {
    'RSA-OAEP-256': 'the content key encrypted with RSA-OAEP (SHA-256) to the service\'s key',
    'RSA-OAEP': 'the content key encrypted with RSA-OAEP to the service\'s key',
    'ECDH-ES': 'a content key agreed with ECDH-ES with the service\'s key',
    'ECDH-ES+A256KW': 'a content key agreed with ECDH-ES and wrapped with AES-256',
    A256GCM: 'content encrypted with AES-256 in GCM mode',
    A128GCM: 'content encrypted with AES-128 in GCM mode',
    'A256CBC-HS512': 'content encrypted with AES-256-CBC and HMAC SHA-512',
};

/** Plain words for a JWE alg or enc value. */
export function encryptionWords(value) {
    return ENCRYPTION[value] || `the algorithm ${value}`;
}

/** The roles a token carries: its groups claim (SPEC §3). */
export function roles(claims) {
    return Array.isArray(claims.groups) ? claims.groups.map(String) : [];
}

const ALGORITHMS = {
    RS256: 'RSA signature with SHA-256 (RSASSA-PKCS1-v1_5)',
    RS384: 'RSA signature with SHA-384',
    RS512: 'RSA signature with SHA-512',
    PS256: 'RSA-PSS signature with SHA-256',
    ES256: 'ECDSA on curve P-256 with SHA-256',
    ES384: 'ECDSA on curve P-384 with SHA-384',
    EdDSA: 'Ed25519 signature',
    HS256: 'HMAC with SHA-256 (a shared secret)',
};

/** Plain words for a signing algorithm. */
export function algorithmWords(alg) {
    return ALGORITHMS[alg] || `the algorithm ${alg}`;
}

/** Plain words for a typ header. */
export function typeWords(typ) {
    const t = String(typ || '').toLowerCase();
    if (t === 'at+jwt' || t === 'application/at+jwt') {
        return 'an OAuth 2.0 access token (RFC 9068)';
    }
    if (t === 'jwt') {
        return 'a plain JWT, such as an ID token: not accepted as an access token';
    }
    return typ ? `the type ${typ}: not accepted as an access token` : 'no type: not accepted as an access token';
}
