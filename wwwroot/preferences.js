// What the page remembers. In localStorage, shared by the browser's tabs: the colour theme, whether notifications are
// on, and each user's rooms and closed direct rooms (a second tab opens on the same rooms; logging out forgets them).
// In sessionStorage, this tab's own: the room on screen, and the messages not yet sent (kept through a reload, and
// through a session that ended, until the same user signs in again). The hub protocol is
// remembered by chooseProtocol (chat-model.js).

import { sameUser } from './chat-model.js';

const THEME = 'chat.theme';
const NOTIFY = 'chat.notify';
const CURRENT = 'chat.current';
const OUTBOX = 'chat.outbox';
const roomsKey = (user) => `chat.rooms.${user.toLowerCase()}`;
export const THEMES = ['system', 'light', 'dark'];

function readJson(storage, key, fallback) {
    try {
        return JSON.parse(storage.getItem(key)) ?? fallback;
    } catch (err) {
        console.warn(`Ignoring unreadable saved ${key}:`, err);
        return fallback;
    }
}

export class Preferences {
    #shared;
    #tab;

    constructor(shared = localStorage, tab = sessionStorage) {
        this.#shared = shared;
        this.#tab = tab;
    }

    theme() {
        const theme = this.#shared.getItem(THEME);
        return THEMES.includes(theme) ? theme : 'system';
    }

    /** Browser notifications were turned on (in any tab of this browser). */
    notify() {
        return this.#shared.getItem(NOTIFY) === 'on';
    }

    /** The user's rooms, closed direct rooms, this tab's room on screen and unsent messages. */
    load(user) {
        const saved = readJson(this.#shared, roomsKey(user), {});
        const kept = this.keptOutbox();
        return {
            rooms: Array.isArray(saved.rooms) ? saved.rooms : [],
            closedDms: Array.isArray(saved.closedDms) ? saved.closedDms : [],
            current: this.#tab.getItem(CURRENT),
            outbox: kept && sameUser(kept.user, user) ? kept.entries : [],
        };
    }

    /** This tab's unsent messages and whose they are, or null. */
    keptOutbox() {
        const kept = readJson(this.#tab, OUTBOX, null);
        return kept && kept.user && Array.isArray(kept.entries) && kept.entries.length ? kept : null;
    }

    /** The user logged out: nothing of theirs stays behind. */
    forget(user) {
        this.#shared.removeItem(roomsKey(user));
        this.#tab.removeItem(CURRENT);
        this.#tab.removeItem(OUTBOX);
    }

    /** Saves what changed after every batch of updates. */
    watch(store) {
        store.subscribe((state, previous) => {
            if (state.theme !== previous.theme) {
                this.#shared.setItem(THEME, state.theme);
            }
            if (state.notify !== previous.notify) {
                this.#shared.setItem(NOTIFY, state.notify ? 'on' : 'off');
            }
            if (!state.user) {
                return;
            }
            if (state.rooms !== previous.rooms || state.closedDms !== previous.closedDms || state.user !== previous.user) {
                // The rooms map changes with every message; the list of its names seldom does.
                const rooms = JSON.stringify({ rooms: [...state.rooms.keys()], closedDms: [...state.closedDms] });
                if (rooms !== this.#shared.getItem(roomsKey(state.user))) {
                    this.#shared.setItem(roomsKey(state.user), rooms);
                }
            }
            if (state.current !== previous.current) {
                this.#tab.setItem(CURRENT, state.current ?? '');
            }
            if (state.outbox !== previous.outbox || state.user !== previous.user) {
                const entries = state.outbox.map(({ cmid, room, text, replyTo }) => ({ cmid, room, text, replyTo }));
                this.#tab.setItem(OUTBOX, JSON.stringify({ user: state.user, entries }));
            }
        });
    }
}
