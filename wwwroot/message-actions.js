// What a person does to a message already sent: react, edit, delete, and quoting it for a reply. Each change goes
// straight to the hub (none is queued: a reaction retried would toggle again), and the server's answer is applied at
// once so the page does not wait for its own broadcast; a refusal is explained in the notice line. The reply being
// written lives in the store (ui.replyTo) so the composer can show it; once sent it goes through the outbox like any
// message (outbox.js), so it survives a dropped connection and is delivered once.

import { hubErrorText } from './chat-model.js';
import { setUi } from './chat-state.js';
import { applyDeleted, applyEdited, applyReactions } from './message-changes.js';

export class MessageActions {
    #store;
    #connection;

    constructor(store, connection) {
        this.#store = store;
        this.#connection = connection;
    }

    /** Runs call(hub) and applies its answer with apply(state, answer); false when it could not be done. */
    async #run(call, apply) {
        const hub = this.#connection.hub;
        if (!hub) {
            this.#notice('Not connected yet; try again in a moment.');
            return false;
        }
        try {
            const answer = await call(hub);
            this.#store.update((s) => apply(s, answer));
            return true;
        } catch (err) {
            this.#notice(hubErrorText(err));
            return false;
        }
    }

    #notice(text) {
        this.#store.update((s) => ({ ...s, notice: text }));
    }

    react(room, messageId, emoji) {
        return this.#run((hub) => hub.toggleReaction(room, messageId, emoji),
            (s, reactions) => applyReactions(s, room, messageId, reactions));
    }

    edit(room, messageId, text) {
        return this.#run((hub) => hub.editMessage(room, messageId, text), (s, message) => applyEdited(s, message));
    }

    remove(room, messageId) {
        return this.#run((hub) => hub.deleteMessage(room, messageId), (s) => applyDeleted(s, room, messageId));
    }

    startReply(message) {
        const excerpt = Array.from(message.text ?? '').slice(0, 100).join('');
        this.#store.update((s) => setUi(s, { replyTo: { room: message.room, id: message.id, user: message.user, excerpt } }));
    }

    cancelReply() {
        this.#store.update((s) => (s.ui.replyTo ? setUi(s, { replyTo: null }) : s));
    }

    /** The reply for the current room, if one is being written. */
    replyFor(room) {
        const replyTo = this.#store.state.ui.replyTo;
        return replyTo && replyTo.room === room ? replyTo : null;
    }
}
