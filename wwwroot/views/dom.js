// DOM building blocks for the views. Every piece of user text goes in through text nodes (textContent), never
// through innerHTML, so a message like "<img onerror=…>" is shown, not run.

export const byId = (id) => document.getElementById(id);

/** Creates an element: el('li', { class: 'x', dataset: { id } }, 'text', childNode). */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name === 'dataset') {
            Object.assign(node.dataset, value);
        } else if (name === 'class') {
            node.className = value;
        } else if (name.startsWith('on') && typeof value === 'function') {
            node.addEventListener(name.slice(2), value);
        } else {
            node.setAttribute(name, value === true ? '' : String(value));
        }
    }
    for (const child of children) {
        if (child !== undefined && child !== null && child !== false) {
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
    return node;
}

/** A hue derived from a name, the same for every spelling of it: a person's colour on their avatar and name. */
export function nameHue(name) {
    let hash = 0;
    for (const ch of (name || '?').toLowerCase()) {
        hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
    }
    return String(hash % 360);
}

/** A round avatar with the first letter of the name in the name's colour. */
export function avatar(name, extraClass = '') {
    const node = el('span', { class: `avatar ${extraClass}`.trim(), 'aria-hidden': 'true' },
        (name || '?').slice(0, 1).toUpperCase());
    node.style.setProperty('--avatar-hue', nameHue(name));
    return node;
}

/** Shows `text` in the node, hiding it when there is none. */
export function showText(node, text) {
    if (node.textContent !== (text || '')) {
        node.textContent = text || '';
    }
    node.hidden = !text;
}

/**
 * Draws a view now and after every batch of store updates. `render(state, previous)` gets previous === null the
 * first time, so it draws everything once; later it compares slices to redraw only what changed.
 */
export function mount(store, render) {
    render(store.state, null);
    store.subscribe(render);
}

/** True when the slice picked by `pick` differs between the two states (always on the first draw). */
export function changed(state, previous, pick) {
    return previous === null || pick(state) !== pick(previous);
}

const drawn = new WeakMap();   // node -> { key, signature } of the entry it was drawn for

/**
 * Makes parent's children the entries' nodes, in order: entries are { key, signature, create, update? }. A node drawn
 * for the same key is kept while its signature (any value, compared with ===) is unchanged, so a list that redraws
 * on every message moves few nodes, and keeps the reader's focus: a redrawn entry that held it gets it back (the same
 * element with its caret when the new node took it over, such as an edit box, else the new node's first control).
 * `update(node)` runs for every entry kept or created (cheap touches such as a class).
 */
export function reconcile(parent, entries) {
    const existing = new Map();
    for (const child of [...parent.children]) {
        const info = drawn.get(child);
        if (info) {
            existing.set(info.key, child);
        } else {
            child.remove();
        }
    }
    const wanted = new Set(entries.map((entry) => entry.key));
    for (const [key, node] of existing) {
        if (!wanted.has(key)) {
            node.remove();
        }
    }
    let cursor = parent.firstElementChild;
    for (const entry of entries) {
        let node = existing.get(entry.key);
        if (!node || drawn.get(node).signature !== entry.signature) {
            // Read before create(), which may move the focused element (and so blur it) into the new node.
            const focused = node?.contains(document.activeElement) ? document.activeElement : null;
            const caret = typeof focused?.setSelectionRange === 'function' ? [focused.selectionStart, focused.selectionEnd] : null;
            const fresh = entry.create();
            drawn.set(fresh, { key: entry.key, signature: entry.signature });
            if (node) {
                cursor = cursor === node ? fresh : cursor;
                node.replaceWith(fresh);
                if (focused && fresh.contains(focused)) {
                    focused.focus();
                    if (caret && caret[0] !== null) {
                        focused.setSelectionRange(caret[0], caret[1]);
                    }
                } else if (focused) {
                    (fresh.querySelector('button, a, input, [tabindex]') ?? fresh).focus();
                }
            }
            node = fresh;
        }
        entry.update?.(node);
        if (node === cursor) {
            cursor = cursor.nextElementSibling;
        } else {
            parent.insertBefore(node, cursor);
        }
    }
}
