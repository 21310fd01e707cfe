// DOM building blocks. Every piece of user text goes in through text nodes (textContent),
// never through innerHTML, so a message like "<img onerror=…>" is shown, not run.

import { formatTime, sameUser } from './chat-model.js';

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
        if (child === undefined || child === null || child === false) {
            continue;
        }
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

/** A round avatar with the first letter of the name and a colour derived from it. */
export function avatar(name, extraClass = '') {
    let hash = 0;
    for (const ch of (name || '?').toLowerCase()) {
        hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
    }
    const node = el('span', { class: `avatar ${extraClass}`.trim(), 'aria-hidden': 'true' },
        (name || '?').slice(0, 1).toUpperCase());
    node.style.setProperty('--avatar-hue', String(hash % 360));
    return node;
}

/** One message row; `own` marks the signed-in user's messages. */
export function messageNode(message, me) {
    const own = sameUser(message.user, me);
    const sentAt = new Date(message.sentAt);
    return el('li', {
        class: own ? 'message own' : 'message',
        dataset: { id: message.id, user: message.user, testid: 'message' },
    },
    avatar(message.user, 'message-avatar'),
    el('div', { class: 'bubble' },
        el('div', { class: 'meta' },
            el('span', { class: 'sender', dataset: { testid: 'message-sender' } }, own ? `${message.user} (you)` : message.user),
            el('time', {
                class: 'time',
                datetime: message.sentAt,
                title: Number.isNaN(sentAt.getTime()) ? '' : sentAt.toLocaleString(),
            }, formatTime(message.sentAt))),
        el('div', { class: 'text', dataset: { testid: 'message-text' } }, message.text)));
}

/** Messages from the same sender within five minutes are drawn as one group. */
export function continues(previous, message) {
    if (!previous || !sameUser(previous.user, message.user)) {
        return false;
    }
    const gap = new Date(message.sentAt) - new Date(previous.sentAt);
    return gap >= 0 && gap < 5 * 60_000;
}
