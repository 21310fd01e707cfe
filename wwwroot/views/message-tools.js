// What hangs on a sent message: the quote it replies to, its reactions as chips (count, and whether you are among
// them; a click toggles yours), and its action bar (React with a small picker, Reply, and on your own Edit and
// Delete). The bar shows on hover or focus with a mouse, and behind a "⋯" button on a touch screen (styles.css).
// Editing happens in place: Enter saves, Escape cancels. An edit in progress is kept in `editing` (the list view's:
// message id -> { box, text }), so a message drawn again while it is edited (a reaction, a resume) takes the same box
// back, with its text, focus and caret.

import { el } from './dom.js';

export const QUICK_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];

/** The message this one answers: who wrote it and its first words. */
export function quoteNode(replyTo) {
    return el('div', { class: 'reply-quote', dataset: { testid: 'reply-quote' } },
        el('span', { class: 'sender' }, replyTo.user), ' ', el('span', { class: 'muted' }, replyTo.excerpt));
}

export function reactionsNode(message, me, actions) {
    if (message.deleted || !message.reactions?.length) {
        return null;
    }
    return el('div', { class: 'reactions', dataset: { testid: 'reactions' } }, ...message.reactions.map((reaction) => {
        const mine = reaction.users.some((user) => user.toLowerCase() === (me ?? '').toLowerCase());
        return el('button', {
            type: 'button',
            class: mine ? 'reaction-chip mine' : 'reaction-chip',
            'aria-pressed': mine ? 'true' : 'false',
            'aria-label': `${reaction.emoji} ${reaction.users.length}: ${reaction.users.join(', ')}`,
            dataset: { testid: 'reaction-chip', emoji: reaction.emoji },
            onclick: () => actions.react(message.room, message.id, reaction.emoji),
        }, `${reaction.emoji} ${reaction.users.length}`);
    }));
}

/** Replaces the text node with a box holding the text; Enter saves (the store redraws the message), Escape cancels. */
function startEditing(message, node, actions, editing) {
    const text = node.querySelector('[data-testid="message-text"]');
    if (!text || editing.has(message.id)) {
        return;
    }
    const box = el('textarea', { class: 'edit-box', rows: 2, maxlength: 4000, 'aria-label': 'Edit message', dataset: { testid: 'edit-box' } });
    box.value = message.text ?? '';
    const entry = { box, text };
    editing.set(message.id, entry);
    // entry.text is the text of the message as last drawn: what the box gives way to.
    const stop = () => {
        editing.delete(message.id);
        box.replaceWith(entry.text);
    };
    box.addEventListener('keydown', async (event) => {
        if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            stop();
        } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            if (box.value.trim() === (message.text ?? '').trim() || await actions.editMessage(message.room, message.id, box.value)) {
                stop();
            }
        }
    });
    text.replaceWith(box);
    box.focus();
}

function button(label, testid, onclick, extra = {}) {
    return el('button', { type: 'button', class: 'text-button', dataset: { testid }, onclick, ...extra }, label);
}

/** The action bar of a message (none for a deleted one). */
export function actionsNode(message, own, actions, editing) {
    if (message.deleted) {
        return null;
    }
    const node = () => bar.closest('.message');
    const picker = el('div', { class: 'emoji-picker', role: 'group', 'aria-label': 'Pick a reaction', dataset: { testid: 'emoji-picker' }, hidden: true },
        ...QUICK_EMOJI.map((emoji) => el('button', {
            type: 'button', class: 'emoji', 'aria-label': `React ${emoji}`, dataset: { testid: 'emoji', emoji },
            onclick: () => {
                picker.hidden = true;
                actions.react(message.room, message.id, emoji);
            },
        }, emoji)));
    const bar = el('div', { class: 'message-actions', dataset: { testid: 'message-actions' } },
        button('React', 'action-react', () => { picker.hidden = !picker.hidden; }),
        button('Reply', 'action-reply', () => actions.startReply(message)),
        own ? button('Edit', 'action-edit', () => startEditing(message, node(), actions, editing)) : null,
        own ? button('Delete', 'action-delete', () => actions.requestDelete(message.room, message.id)) : null,
        picker);
    const more = el('button', {
        type: 'button', class: 'icon-button more-actions', 'aria-label': 'Message actions', 'aria-expanded': 'false',
        dataset: { testid: 'more-actions' },
        onclick: () => {
            const open = node().classList.toggle('actions-open');
            more.setAttribute('aria-expanded', String(open));
        },
    }, '⋯');
    return [more, bar];
}
