// Signing keys, for admins: states and dates, and rotation.
import { api } from './api.js';
import { busy, byId, cell, el, fill, say, sayError, table, time } from './dom.js';

const STATE_WORDS = {
    current: 'signs new tokens',
    next: 'published ahead, signs after the next rotation',
    retired: 'signs nothing; still verifies the tokens it signed until they expire',
};

export function installKeys() {
    const rotate = byId('rotate-key');
    const confirmRotate = byId('rotate-key-confirm');
    rotate.addEventListener('click', () => {
        byId('rotate-key-question').hidden = false;
        confirmRotate.focus();
    });
    byId('rotate-key-cancel').addEventListener('click', () => {
        byId('rotate-key-question').hidden = true;
        rotate.focus();
    });
    confirmRotate.addEventListener('click', () => busy(confirmRotate, byId('keys-error'), async () => {
        const { items } = await api('/admin/keys/rotate', { method: 'POST' });
        byId('rotate-key-question').hidden = true;
        show(items);
        const current = items.find(k => k.state === 'current');
        say(byId('keys-status'), current
            ? `Rotated: key ${current.kid} is now current. Tokens signed before stay valid until they expire.`
            : 'Rotated.');
    }));
}

export async function loadKeys() {
    try {
        show((await api('/admin/keys')).items);
    } catch (error) {
        sayError(byId('keys-error'), error);
    }
}

function show(items) {
    fill(byId('keys-list'), table('Signing keys', ['Key id (kid)', 'Algorithm', 'State', 'Created', 'Activates', 'Retires'],
        items.map(key => el('tr', { 'data-kid': key.kid, 'data-state': key.state },
            cell('Key id (kid)', el('code', {}, key.kid)),
            cell('Algorithm', key.alg),
            cell('State', el('span', { class: `state ${key.state}` }, key.state), ' ',
                el('span', { class: 'muted' }, STATE_WORDS[key.state] || '')),
            cell('Created', time(key.created_at)),
            cell('Activates', time(key.activates_at)),
            cell('Retires', time(key.retires_at))))));
}
