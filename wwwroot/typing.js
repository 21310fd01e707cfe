// Typing indicators both ways. Ours: StartTyping at most every two seconds while the composer has text, StopTyping
// when it empties, on send and when the composer loses focus. Theirs: TypingChanged events into the store, each
// hidden after a while if its stop never arrives (the server expires typing after 5 s and says so).

import { setTyping } from './presence-state.js';

const THROTTLE_MS = 2000;
const LOCAL_EXPIRY_MS = 6000;

export class Typing {
    #store;
    #connection;
    #room = null;
    #sentAt = 0;
    #expiry = new Map();   // "room\nuser" -> timer

    constructor(store, connection) {
        this.#store = store;
        this.#connection = connection;
        store.subscribe((state, previous) => {
            if (!state.connection.ready && previous.connection.ready) {
                this.#room = null;   // the server forgot it with the connection
            }
            this.#expireWhatAppeared(state);
        });
    }

    /** The composer changed: `hasText` says whether it holds anything but white space. */
    input(room, hasText) {
        if (!room || !hasText) {
            this.stop();
            return;
        }
        const now = Date.now();
        if (this.#room === room && now - this.#sentAt < THROTTLE_MS) {
            return;
        }
        if (this.#room && this.#room !== room) {
            this.stop();
        }
        this.#room = room;
        this.#sentAt = now;
        this.#quietly((hub) => hub.startTyping(room));
    }

    stop() {
        const room = this.#room;
        if (!room) {
            return;
        }
        this.#room = null;
        this.#sentAt = 0;
        this.#quietly((hub) => hub.stopTyping(room));
    }

    /** The hub's TypingChanged, for hub.on(). */
    get events() {
        return {
            typingChanged: (room, userName, isTyping) => {
                this.#forget(room, userName);
                this.#store.update((s) => setTyping(s, room, userName, Boolean(isTyping)));
                this.#expireWhatAppeared(this.#store.state);   // a repeated start restarts the timer
            },
        };
    }

    #quietly(call) {
        const hub = this.#connection.hub;
        // Typing is a hint that expires on its own; a lost one is not worth bothering the user about.
        hub && call(hub).catch((err) => console.debug('Typing signal failed:', err));
    }

    /** Every indicator shown gets a timer (from an event or a snapshot); one that went away loses it. */
    #expireWhatAppeared(state) {
        const shown = new Set();
        for (const [room, r] of state.rooms) {
            for (const [key, name] of r.typing) {
                const id = `${room}\n${key}`;
                shown.add(id);
                if (!this.#expiry.has(id)) {
                    this.#expiry.set(id, setTimeout(() => {
                        this.#expiry.delete(id);
                        this.#store.update((s) => setTyping(s, room, name, false));
                    }, LOCAL_EXPIRY_MS));
                }
            }
        }
        for (const [id, timer] of this.#expiry) {
            if (!shown.has(id)) {
                clearTimeout(timer);
                this.#expiry.delete(id);
            }
        }
    }

    #forget(room, userName) {
        const id = `${room}\n${(userName || '').toLowerCase()}`;
        clearTimeout(this.#expiry.get(id));
        this.#expiry.delete(id);
    }
}
