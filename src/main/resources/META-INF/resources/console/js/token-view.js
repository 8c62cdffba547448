// "My token": the signed-in user's access token explained in words, and a box that asks the
// service for its verdict on any pasted token.
import { api } from './api.js';
import { session } from './session.js';
import { algorithmWords, decode, encryptedHeader, encryptionWords, roles, typeWords } from './jwt.js';
import { busy, byId, duration, el, fill, say, sayError, time } from './dom.js';

let countdown = null;

const CLAIM_WORDS = {
    iss: 'Issuer: the service that signed it',
    sub: 'Subject: who the token speaks for (a user id, or a client id for a service)',
    upn: 'Username',
    preferred_username: 'Username',
    groups: 'Roles (groups): what @RolesAllowed checks',
    scope: 'Scope: the roles asked for at sign-in',
    aud: 'Audience: the services meant to accept it',
    iat: 'Issued at',
    nbf: 'Not valid before',
    exp: 'Expires at',
    auth_time: 'Signed in at',
    jti: 'Token id (jti), used to revoke this one token',
    sid: 'Session id: signing out ends every token of this session',
    client_id: 'Client the token was issued to',
    azp: 'Authorized party (client)',
    nonce: 'Nonce of the sign-in',
};
const TIME_CLAIMS = new Set(['iat', 'nbf', 'exp', 'auth_time']);

/** Shows the current token; called on every sign-in and refresh. */
export async function renderMyToken(isAdmin) {
    const claims = session.claims();
    const token = session.accessToken();
    if (!claims || !token) {
        return;
    }
    const encrypted = session.encrypted();
    const header = encrypted ? encryptedHeader(token) : decode(token).header;
    fill(byId('token-summary'), summary(claims, encrypted));
    fill(byId('token-header'), encrypted ? encryptedHeaderRows(header) : headerRows(header));
    fill(byId('token-claims'), claimRows(claims));
    startCountdown();
    const keyState = byId('token-key-state');
    try {
        // the signing key of a nested token is inside it: the service's verdict names it
        const kid = encrypted ? (await api('/tokens/check', { method: 'POST', form: { token } })).kid : header.kid;
        say(keyState, `Looking up key ${kid}…`);
        say(keyState, await describeKey(kid, isAdmin));
    } catch (error) {
        sayError(keyState, new Error(`The state of the signing key could not be read: ${error.message}`));
    }
}

function summary(claims, encrypted) {
    const who = claims.upn || claims.preferred_username || claims.sub;
    const list = roles(claims);
    return [
        el('p', {}, 'You are signed in as ', el('strong', { id: 'token-who' }, who), '.'),
        el('p', {}, list.length
            ? ['Your roles: ', el('strong', { id: 'token-roles' }, list.join(', ')), '.']
            : el('span', { id: 'token-roles' }, 'Your token carries no roles.')),
        encrypted
            ? el('p', { id: 'token-encrypted' }, 'Your access token is encrypted (a signed token inside a JWE) so that '
                + 'only the service can read it; what it says is shown as the service tells it (userinfo).')
            : null,
        el('p', {}, encrypted ? 'It ' : ['Issued ', time(claims.iat), '; it '], 'expires in ',
            el('strong', { id: 'token-countdown', 'aria-live': 'off' }, duration(session.secondsLeft())),
            ' and is renewed by itself shortly before that.'),
    ];
}

function encryptedHeaderRows(header) {
    return Object.entries(header).map(([name, value]) => {
        const words = {
            alg: encryptionWords(value),
            enc: encryptionWords(value),
            cty: 'content type: JWT means a signed token is inside',
            kid: 'the service\'s encryption key (not the signing key)',
            typ: 'the type of the outer token',
            epk: 'the ephemeral public key of the key agreement',
        }[name] || 'another header parameter';
        return row(name, typeof value === 'object' ? JSON.stringify(value) : String(value), words);
    });
}

function headerRows(header) {
    const rows = [
        row('Algorithm (alg)', header.alg, algorithmWords(header.alg)),
        row('Type (typ)', header.typ, typeWords(header.typ)),
        row('Key id (kid)', header.kid, 'the key that signed it; its state is below'),
    ];
    for (const [name, value] of Object.entries(header)) {
        if (!['alg', 'typ', 'kid'].includes(name)) {
            rows.push(row(name, JSON.stringify(value), 'another header parameter'));
        }
    }
    return rows;
}

function claimRows(claims) {
    return Object.entries(claims).map(([name, value]) => {
        const words = CLAIM_WORDS[name] || 'another claim';
        if (TIME_CLAIMS.has(name) && typeof value === 'number') {
            return row(name, String(value), [words, ': ', time(value)]);
        }
        const shown = Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
        return row(name, shown, words);
    });
}

function row(name, value, words) {
    return el('tr', { 'data-name': name },
        el('th', { scope: 'row' }, name),
        el('td', { 'data-label': 'Value' }, el('code', {}, value === undefined ? '(none)' : value)),
        el('td', { 'data-label': 'Meaning' }, words));
}

function startCountdown() {
    clearInterval(countdown);
    const tick = () => {
        const node = document.getElementById('token-countdown');
        const left = session.secondsLeft();
        if (node) {
            node.textContent = left > 0 ? duration(left) : 'no time: it has expired';
        }
    };
    tick();
    countdown = setInterval(tick, 1000);
}

/** Admins see the key's state and dates from /admin/keys; everyone else whether the JWKS publishes it. */
async function describeKey(kid, isAdmin) {
    if (isAdmin) {
        const { items } = await api('/admin/keys');
        const key = items.find(k => k.kid === kid);
        if (!key) {
            return `Key ${kid} is not among the service's keys any more: tokens it signed are refused.`;
        }
        const retires = key.retires_at ? `, retires ${new Date(key.retires_at).toLocaleString()}` : '';
        return `Key ${kid} (${key.alg}) is ${key.state}: created ${new Date(key.created_at).toLocaleString()}${retires}.`;
    }
    const jwks = await api('/.well-known/jwks.json', { anonymous: true });
    const published = Array.isArray(jwks.keys) && jwks.keys.some(k => k.kid === kid);
    return published
        ? `Key ${kid} is published in the service's JWKS, so other services verify this token offline.`
        : `Key ${kid} is not in the service's JWKS: other services would refuse this token.`;
}

/** The paste box: the service's verdict, and the pasted token decoded (untrusted until valid). */
export function installTokenCheck() {
    const form = byId('check-form');
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const pasted = byId('check-token').value;
        const verdict = byId('check-verdict');
        const decoded = byId('check-decoded');
        fill(decoded);
        verdict.className = 'verdict';
        say(verdict, '');
        await busy(byId('check-button'), byId('check-error'), async () => {
            const answer = await api('/tokens/check', { method: 'POST', form: { token: pasted } });
            verdict.classList.add(answer.valid ? 'ok' : 'refused');
            say(verdict, answer.valid
                ? `Valid: ${answer.description} Signed by key ${answer.kid}; expires ${new Date(answer.expires_at * 1000).toLocaleString()}.`
                : `Refused: ${answer.description} (reason: ${answer.reason})`);
            showDecoded(decoded, pasted);
        });
    });
}

function showDecoded(node, pasted) {
    try {
        const { header, claims } = decode(pasted);
        fill(node,
            el('h3', {}, 'What the pasted token says (decoded, not trusted unless the verdict is valid)'),
            el('div', { class: 'table-wrap' }, el('table', {}, el('caption', {}, 'Header'), el('tbody', {}, headerRows(header)))),
            el('div', { class: 'table-wrap' }, el('table', {}, el('caption', {}, 'Claims'), el('tbody', {}, claimRows(claims)))));
    } catch (error) {
        fill(node, el('p', { class: 'muted' }, `It cannot be decoded here: ${error.message}`));
    }
}
