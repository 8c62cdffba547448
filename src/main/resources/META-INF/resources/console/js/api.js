// Calls the service's API with the signed-in user's access token and turns every failure into an
// Error whose message says, in words, what the service answered.
import { session } from './session.js';

/** A failure the service answered, with its SPEC §6 error code and description. */
export class ApiError extends Error {
    constructor(status, code, description) {
        super(`${description} (HTTP ${status}${code ? `, ${code}` : ''})`);
        this.status = status;
        this.code = code;
        this.description = description;
    }
}

const STATUS_WORDS = {
    400: 'The service refused the request as invalid.',
    401: 'The service did not accept your sign-in; sign in again.',
    403: 'Your token does not carry the role this needs.',
    404: 'The service does not know that item (it may have been deleted).',
    409: 'The change conflicts with the current state.',
    413: 'The request is too large.',
    429: 'Too many attempts; wait and try again.',
    503: 'The service is temporarily unavailable; try again shortly.',
};

/**
 * Sends a request and answers the parsed JSON (or null for an empty answer).
 * options: method, query (object), json (body object), form (object), anonymous (no token).
 */
export async function api(path, options = {}) {
    const response = await send(path, options, false);
    if (response.status === 401 && !options.anonymous && await session.refreshNow()) {
        // the access token may have been refused as expired or revoked: one retry with a fresh one
        return read(await send(path, options, true));
    }
    return read(response);
}

async function send(path, options, retry) {
    const url = new URL(path, location.origin);
    for (const [name, value] of Object.entries(options.query || {})) {
        if (value !== undefined && value !== null && value !== '') {
            url.searchParams.set(name, value);
        }
    }
    const headers = { Accept: 'application/json' };
    let body;
    if (options.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
        body = new URLSearchParams(options.form);
    }
    if (!options.anonymous) {
        const token = session.accessToken();
        if (!token) {
            throw new ApiError(401, 'unauthorized', 'You are not signed in.');
        }
        headers.Authorization = `Bearer ${token}`;
    }
    try {
        return await fetch(url, { method: options.method || 'GET', headers, body, cache: 'no-store', credentials: 'same-origin' });
    } catch (error) {
        throw new Error(`The service could not be reached${retry ? ' (on a retry)' : ''}: ${error.message}`);
    }
}

async function read(response) {
    const text = await response.text();
    let body = null;
    if (text) {
        try {
            body = JSON.parse(text);
        } catch {
            body = null;
        }
    }
    if (response.ok) {
        return body;
    }
    const description = body && typeof body.error_description === 'string' && body.error_description
        ? body.error_description
        : STATUS_WORDS[response.status] || `The service answered ${response.status} ${response.statusText}.`;
    throw new ApiError(response.status, body && body.error, description);
}
