// Small DOM helpers: every element is built with createElement and textContent, never innerHTML,
// so nothing the API answers can turn into markup or script.

/** An element with attributes (class, id, data-*, aria-*, on* handlers) and children (nodes or text). */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            node.addEventListener(name.slice(2), value);
        } else if (name === 'class') {
            node.className = value;
        } else if (value === true) {
            node.setAttribute(name, '');
        } else {
            node.setAttribute(name, String(value));
        }
    }
    append(node, children);
    return node;
}

function append(node, children) {
    for (const child of children.flat()) {
        if (child === undefined || child === null || child === false) {
            continue;
        }
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

export function byId(id) {
    const node = document.getElementById(id);
    if (!node) {
        throw new Error(`The console page has no element #${id}.`);
    }
    return node;
}

/** Replaces the children of a node. */
export function fill(node, ...children) {
    node.replaceChildren();
    append(node, children);
    return node;
}

/** Shows a message in a status or alert region; an empty message hides it. */
export function say(node, message) {
    node.textContent = message || '';
    node.hidden = !message;
}

/** Shows what went wrong in words: the API's own description when it gave one. */
export function sayError(node, error) {
    say(node, error instanceof Error ? error.message : String(error));
}

/** A table cell that names its column, so narrow screens can show each row as a labelled card. */
export function cell(label, ...children) {
    return el('td', { 'data-label': label }, ...children);
}

/** A table with a caption and headings; rows are added by the caller. */
export function table(caption, headings, rows) {
    return el('div', { class: 'table-wrap' },
        el('table', {},
            el('caption', {}, caption),
            el('thead', {}, el('tr', {}, headings.map(h => el('th', { scope: 'col' }, h)))),
            el('tbody', {}, rows)));
}

/** A button that asks for a second press before it acts, so a slip of a key deletes nothing. */
export function confirmButton(label, confirmLabel, action, attributes = {}) {
    let armed = false;
    let timer;
    const button = el('button', { type: 'button', ...attributes }, label);
    button.addEventListener('click', async () => {
        if (!armed) {
            armed = true;
            button.textContent = confirmLabel;
            button.classList.add('armed');
            timer = setTimeout(() => {
                armed = false;
                button.textContent = label;
                button.classList.remove('armed');
            }, 6000);
            return;
        }
        clearTimeout(timer);
        armed = false;
        button.textContent = label;
        button.classList.remove('armed');
        await action();
    });
    return button;
}

/** Runs an action with its button disabled, showing any failure in words in the given region. */
export async function busy(button, errorRegion, action) {
    button.disabled = true;
    say(errorRegion, '');
    try {
        return await action();
    } catch (error) {
        sayError(errorRegion, error);
        return undefined;
    } finally {
        button.disabled = false;
    }
}

/** Roles typed as "admin, user" or "admin user". */
export function parseList(text) {
    return text.split(/[\s,]+/).map(s => s.trim()).filter(Boolean);
}

/** A date and time in the reader's locale, with its ISO form in a title for precision. */
export function time(value) {
    if (value === undefined || value === null) {
        return el('span', { class: 'muted' }, '—');
    }
    const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
    return el('time', { datetime: date.toISOString(), title: date.toISOString() }, date.toLocaleString());
}

/** "3 min 20 s" for a number of seconds. */
export function duration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    const parts = [];
    const days = Math.floor(s / 86400);
    const hours = Math.floor((s % 86400) / 3600);
    const minutes = Math.floor((s % 3600) / 60);
    if (days) parts.push(`${days} d`);
    if (hours) parts.push(`${hours} h`);
    if (minutes) parts.push(`${minutes} min`);
    if (!days && !hours) parts.push(`${s % 60} s`);
    return parts.join(' ');
}

/** Previous and next buttons with "page 1 of 3 (25 in all)". */
export function pager(page, onPage) {
    const pages = Math.max(1, Math.ceil(page.total / page.size));
    return el('div', { class: 'pager' },
        el('button', { type: 'button', class: 'prev', disabled: page.page <= 0, onclick: () => onPage(page.page - 1) },
            'Previous page'),
        el('span', { class: 'page-info' }, `Page ${page.page + 1} of ${pages} (${page.total} in all)`),
        el('button', { type: 'button', class: 'next', disabled: page.page + 1 >= pages, onclick: () => onPage(page.page + 1) },
            'Next page'));
}

/**
 * For a list that reloads: each call starts a turn and answers a check that is true only while no later
 * turn has started, so a slow answer to an earlier request never overwrites a newer one.
 */
export function turns() {
    let latest = 0;
    return () => {
        const mine = ++latest;
        return () => mine === latest;
    };
}
