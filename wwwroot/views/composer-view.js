// The composer: Enter sends (Shift+Enter for a new line), the box grows with the text, typing is signalled while it
// has text, and a send the page cannot make is explained in the notice line. The keyboard hint is a line of its own
// that a touch screen hides (styles.css), never part of the placeholder, which a phone cuts short.

import { roomLabel } from '../selectors.js';
import { byId, changed, mount } from './dom.js';

const MAX_HEIGHT_PX = 200;

export function composerView(store, actions) {
    const form = byId('composer-form');
    const composer = byId('composer');
    const send = byId('send');

    const updateSend = () => {
        send.disabled = composer.disabled || !composer.value.trim();
    };
    /** Grows the box with its text (a layout read: only when the text changed). */
    const autosize = () => {
        composer.style.height = 'auto';
        // scrollHeight leaves out the borders, which the border-box height includes.
        const borders = composer.offsetHeight - composer.clientHeight;
        composer.style.height = `${Math.min(composer.scrollHeight + borders, MAX_HEIGHT_PX)}px`;
        composer.style.overflowY = composer.scrollHeight > MAX_HEIGHT_PX ? 'auto' : 'hidden';
        updateSend();
    };

    /** The quoted strip above the box while a reply to a message of this room is being written. */
    const drawReply = (state) => {
        const replyTo = state.ui.replyTo?.room === state.current ? state.ui.replyTo : null;
        byId('reply-strip').hidden = !replyTo;
        byId('reply-strip-user').textContent = replyTo?.user ?? '';
        byId('reply-strip-text').textContent = replyTo?.excerpt ?? '';
        if (replyTo) {
            composer.focus();
        }
    };

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (actions.send(composer.value)) {
            composer.value = '';
            autosize();
        }
    });
    composer.addEventListener('input', () => {
        autosize();
        actions.typing(composer.value.trim() !== '');
    });
    byId('reply-cancel').addEventListener('click', () => {
        actions.cancelReply();
        composer.focus();
    });
    composer.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && !byId('reply-strip').hidden) {
            actions.cancelReply();
        }
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            form.requestSubmit();
        }
    });
    composer.addEventListener('blur', () => actions.stopTyping());

    mount(store, (state, previous) => {
        // A discarded message comes back into an empty composer, to edit or send again.
        if (previous && state.returned !== previous.returned && state.returned) {
            if (!composer.value) {
                composer.value = state.returned.text;
                autosize();
            }
            composer.focus();
        }
        if (changed(state, previous, (s) => s.ui.replyTo) || changed(state, previous, (s) => s.current)) {
            drawReply(state);
        }
        if (!changed(state, previous, (s) => s.current) && !changed(state, previous, (s) => s.names)) {
            return;
        }
        const room = state.user ? state.current : null;
        composer.disabled = !room;
        composer.placeholder = room ? `Message ${roomLabel(state, room)}` : 'Join a room to start chatting';
        updateSend();
        // Not on a touch screen: focusing would pop up its keyboard over the conversation just opened.
        if (room && changed(state, previous, (s) => s.current) && !matchMedia('(pointer: coarse)').matches) {
            composer.focus();
        }
    });
}
