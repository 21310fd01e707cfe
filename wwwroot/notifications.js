// Browser notifications, opt-in: while the tab is hidden, a direct message or a message that mentions this user
// (its `mentions`, or the hub's Mentioned for a room this tab is not in) shows a system notification; clicking it
// brings the tab forward on that room. One notification per room at a time (its tag), never for one's own messages.
// Permission is asked only when the user turns them on.

import { involvesMe, isDirectRoom, sameUser } from './chat-model.js';
import { roomLabel } from './selectors.js';

const EXCERPT_LENGTH = 120;
const REMEMBERED = 200;   // message keys already shown: a message both received and mentioned shows once

export const notificationsSupported = () => typeof window !== 'undefined' && typeof window.Notification === 'function';

/** What to show for a message to this user, or null: { title, body, tag }. Pure. */
export function notificationFor(state, room, message, mentioned = false) {
    if (!message || !state.user || !message.user || sameUser(message.user, state.user) || message.deleted) {
        return null;
    }
    const direct = isDirectRoom(room) && involvesMe(room, state.user);
    if (!direct && !mentioned && !(message.mentions ?? []).some((name) => sameUser(name, state.user))) {
        return null;
    }
    return {
        title: direct ? message.user : `${message.user} in ${roomLabel(state, room)}`,
        body: Array.from(message.text ?? '').slice(0, EXCERPT_LENGTH).join(''),
        tag: `chat:${room}`,
    };
}

export class Notifier {
    #store;
    #pageVisible;
    #open;
    #shown = new Set();

    /** `open(room)` shows the room (joining it when this tab is not in it). */
    constructor(store, { pageVisible, open }) {
        this.#store = store;
        this.#pageVisible = pageVisible;
        this.#open = open;
    }

    /** The hub's Mentioned: someone named this user in a room this tab has not joined. */
    get events() {
        return { mentioned: (room, message) => this.message(room, message, true) };
    }

    /** The user's switch. Turning on asks the browser first; a refusal keeps them off and says where to change it. */
    async setEnabled(on) {
        if (!on || !notificationsSupported()) {
            this.#store.update((s) => ({ ...s, notify: false }));
            return;
        }
        const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
        this.#store.update((s) => (permission === 'granted' ? { ...s, notify: true }
            : { ...s, notify: false, notice: 'Notifications are blocked for this page: allow them in the browser\'s site settings.' }));
    }

    /** A message for a room of this user's (received, or mentioning them): shown when wanted and the tab is hidden. */
    message(room, message, mentioned = false) {
        const state = this.#store.state;
        if (!state.notify || this.#pageVisible() || !notificationsSupported() || Notification.permission !== 'granted') {
            return;
        }
        const note = notificationFor(state, room, message, mentioned);
        const key = message?.id ? `${room} ${message.id}` : null;
        if (!note || (key && this.#shown.has(key))) {
            return;
        }
        if (key) {
            if (this.#shown.size >= REMEMBERED) {
                this.#shown.clear();
            }
            this.#shown.add(key);
        }
        const notification = new Notification(note.title, { body: note.body, tag: note.tag });
        notification.addEventListener('click', () => {
            window.focus();
            notification.close();
            this.#open(room);
        });
    }
}
