// Messages on their way, replies too: each gets a clientMessageId and waits in the store's outbox until the server acknowledges
// it. Each room's messages leave one at a time in the order written (outbox-rules.js); a refusal that says when
// ("retry in 2 s") is retried by itself with backoff, a dropped connection is retried once the rooms are re-joined,
// and nothing is ever dropped quietly: a message the server refuses for good stays, saying why, until the user
// retries or discards it, and a session that ends keeps the queue for when the user signs in again.

import { MAX_MESSAGE_LENGTH, textLength } from './chat-model.js';
import { addMessages } from './chat-state.js';
import { afterFailure, dueEntries, enqueue, nextRetryAt, removeEntry, updateEntry } from './outbox-rules.js';

export class Outbox {
    #store;
    #connection;
    #timer = 0;
    #wakeAt = null;

    constructor(store, connection) {
        this.#store = store;
        this.#connection = connection;
        store.subscribe((state, previous) => {
            if (state.outbox.length && (state.outbox !== previous.outbox || state.rooms !== previous.rooms
                || state.connection.ready !== previous.connection.ready)) {
                this.#pump();
            }
        });
    }

    /** Queues a message (a reply when replyTo { id, user, excerpt }) for the room; '' or why it cannot go as written. */
    send(room, text, replyTo = null) {
        const trimmed = text.trim();
        if (!room || !trimmed) {
            return 'Write something first.';
        }
        if (textLength(trimmed) > MAX_MESSAGE_LENGTH) {
            return `Message is too long (max ${MAX_MESSAGE_LENGTH} characters)`;
        }
        const cmid = crypto.randomUUID();
        this.#store.update((s) => ({ ...s, outbox: enqueue(s.outbox, { cmid, room, text, replyTo }) }));
        return '';
    }

    /** Sends a failed or waiting message again now. */
    retry(cmid) {
        this.#change(cmid, { status: 'queued', attempts: 0, error: null, retryAt: 0 });
    }

    /** Gives a message up; its text goes back to the composer (state.returned) to edit or send again. */
    discard(cmid) {
        const entry = this.#store.state.outbox.find((e) => e.cmid === cmid);
        if (entry) {
            this.#store.update((s) => ({ ...s, outbox: removeEntry(s.outbox, cmid), returned: { text: entry.text } }));
        }
    }

    #change(cmid, change) {
        this.#store.update((s) => ({ ...s, outbox: updateEntry(s.outbox, cmid, change) }));
    }

    /** Hands the due messages to the hub: only once connected with the rooms re-joined, and each room joined. */
    #pump() {
        const state = this.#store.state;
        if (state.connection.ready) {
            for (const entry of dueEntries(state.outbox, Date.now())) {
                if (state.rooms.get(entry.room)?.joined) {
                    this.#deliver(entry);
                }
            }
        }
        this.#wakeUpAt(nextRetryAt(this.#store.state.outbox));
    }

    #wakeUpAt(at) {
        if (at === this.#wakeAt) {
            return;
        }
        clearTimeout(this.#timer);
        this.#wakeAt = at;
        if (at !== null) {
            this.#timer = setTimeout(() => {
                this.#wakeAt = null;
                this.#pump();
            }, Math.max(0, at - Date.now()));
        }
    }

    async #deliver(entry) {
        const hub = this.#connection.hub;
        if (!hub) {
            return;   // the connection went between ready and now; ready again re-pumps
        }
        const attempts = entry.attempts + 1;
        this.#change(entry.cmid, { status: 'sending', attempts });
        try {
            const message = entry.replyTo ? await hub.sendReply(entry.room, entry.replyTo.id, entry.text, entry.cmid)
                : await hub.sendMessage(entry.room, entry.text, entry.cmid);
            this.#store.update((s) => {
                const settled = { ...s, outbox: removeEntry(s.outbox, entry.cmid) };
                return message ? addMessages(settled, entry.room, [message], 'sent') : settled;
            });
        } catch (err) {
            if (!this.#store.state.outbox.some((e) => e.cmid === entry.cmid)) {
                return;   // the broadcast settled it, or the user discarded it, or signed out
            }
            const next = afterFailure(err, attempts);
            const retryAt = next.status === 'waiting' ? Date.now() + next.delayMs : 0;
            this.#change(entry.cmid, { status: next.status, error: next.error, retryAt });
        }
    }
}
