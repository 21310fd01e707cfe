// The nodes of a conversation: a message (its web addresses as safe links), a message on its way (with what is
// happening to it, and Retry / Discard when it needs the user), the separator that starts each day, and the one above
// the first message that came since the reader was last here.

import { sameUser } from '../chat-model.js';
import { formatFull, formatTime } from '../dates.js';
import { linkify } from '../links.js';
import { splitMentions } from '../mentions.js';
import { avatar, el, nameHue } from './dom.js';
import { actionsNode, quoteNode, reactionsNode } from './message-tools.js';

/**
 * Message text with http(s) addresses as links that open in a new tab and tell the target nothing about us, and the
 * server's resolved @names highlighted (more strongly when they name the reader).
 */
function textWithLinks(message, me) {
    return linkify(message.text ?? '').flatMap((piece) => (piece.href
        ? [el('a', { href: piece.href, target: '_blank', rel: 'noopener noreferrer' }, piece.text)]
        : splitMentions(piece.text, message.mentions).map((part) => (part.mention
            ? el('span', { class: sameUser(part.mention, me) ? 'mention me' : 'mention', dataset: { testid: 'mention' } }, part.text)
            : part.text))));
}

function meta(sender, ...rest) {
    return el('div', { class: 'meta' }, el('span', { class: 'sender', dataset: { testid: 'message-sender' } }, sender), ...rest);
}

/** The body of a message: its text, or a note where a deleted message stood (a tombstone has no text). */
function body(message, me) {
    return message.deleted
        ? el('div', { class: 'text muted', dataset: { testid: 'message-text' } }, 'This message was deleted.')
        : el('div', { class: 'text', dataset: { testid: 'message-text' } }, ...textWithLinks(message, me));
}

/**
 * One message; `own` marks the signed-in user's. A grouped message keeps its sender for screen readers. A message
 * being edited (`editing`, message-tools.js) shows its edit box, moved over from the node drawn before.
 */
export function messageNode(message, me, actions, editing) {
    const own = sameUser(message.user, me);
    const text = body(message, me);
    const edit = message.deleted ? null : editing.get(message.id);
    if (edit) {
        edit.text = text;
    } else {
        editing.delete(message.id);
    }
    const node = el('li', { class: own ? 'message own' : 'message', dataset: { id: message.id, user: message.user, testid: 'message' } },
        avatar(message.user, 'message-avatar'),
        el('div', { class: 'bubble' },
            meta(own ? `${message.user} (you)` : message.user,
                el('time', { class: 'time', datetime: message.sentAt, title: formatFull(message.sentAt) }, formatTime(message.sentAt)),
                message.editedAt && !message.deleted ? el('span', { class: 'time', dataset: { testid: 'edited' } }, '(edited)') : null),
            message.replyTo && !message.deleted ? quoteNode(message.replyTo) : null,
            edit ? edit.box : text,
            reactionsNode(message, me, actions)),
        ...(actionsNode(message, own, actions, editing) ?? []));
    node.style.setProperty('--avatar-hue', nameHue(message.user));   // the sender's name in their colour
    return node;
}

const PENDING_STATUS = {
    queued: 'waiting to send',
    sending: 'sending…',
    waiting: 'sending again shortly',
    failed: 'not sent',
};

/** A message not yet acknowledged, in the order written. */
export function pendingNode(entry, me, actions) {
    const needsUser = entry.status === 'failed';
    const explained = entry.error && (entry.status === 'failed' || entry.status === 'waiting');
    return el('li', {
        class: `message own pending-message ${needsUser ? 'failed' : ''}`.trim(),
        dataset: { cmid: entry.cmid, status: entry.status, testid: 'pending-message' },
    },
    avatar(me, 'message-avatar'),
    el('div', { class: 'bubble' },
        meta(`${me} (you)`, el('span', { class: 'time' }, PENDING_STATUS[entry.status] ?? '')),
        entry.replyTo ? quoteNode(entry.replyTo) : null,
        el('div', { class: 'text' }, entry.text),
        explained || needsUser ? el('div', { class: 'pending-actions' },
            explained ? el('span', { class: needsUser ? 'error small' : 'muted small' },
                needsUser ? entry.error : `${entry.error} — sending again by itself.`) : null,
            el('button', { type: 'button', class: 'text-button', onclick: () => actions.retrySend(entry.cmid) }, needsUser ? 'Retry' : 'Send now'),
            el('button', { type: 'button', class: 'text-button', onclick: () => actions.discardSend(entry.cmid) }, 'Discard'))
            : null));
}

/** The separator above the first message of a day. */
export function dayNode(label) {
    return el('li', { class: 'day-separator', dataset: { testid: 'day-separator' } }, el('span', {}, label));
}

/** Where the messages new since the reader's last visit start (the server's read marker when the room was opened). */
export function newDividerNode() {
    return el('li', { class: 'new-divider', dataset: { testid: 'new-divider' } },
        el('div', { role: 'separator', 'aria-label': 'New messages' }, el('span', { 'aria-hidden': 'true' }, 'New messages')));
}
