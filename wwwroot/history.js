// A room's past: older pages when the reader scrolls up, and the catch-up after a long disconnect whose JoinRoom
// answer was cut at 500 messages.

import { hubErrorText } from './chat-model.js';
import { addMessages, updateRoom } from './chat-state.js';

export const HISTORY_PAGE = 50;
const CATCH_UP_ROUNDS = 20;

export class History {
    #store;
    #connection;

    constructor(store, connection) {
        this.#store = store;
        this.#connection = connection;
    }

    /** The page before the oldest message the room holds, when there is one and none is on its way. */
    async loadOlder(room) {
        const roomState = this.#store.state.rooms.get(room);
        const hub = this.#connection.hub;
        if (!roomState || !roomState.hasMore || roomState.loadingHistory || !roomState.messages.length || !hub) {
            return;
        }
        this.#setLoading(room, true);
        try {
            const page = await hub.getHistory(room, roomState.messages[0].id, HISTORY_PAGE);
            this.#store.update((s) => addMessages(
                updateRoom(s, room, (r) => ({ ...r, hasMore: Boolean(page.hasMore) })), room, page.messages || [], 'history'));
        } catch (err) {
            this.#store.update((s) => ({ ...s, notice: hubErrorText(err) }));
        } finally {
            this.#setLoading(room, false);
        }
    }

    /**
     * A catch-up after a long disconnect was cut at 500 messages. Fill the hole from both ends: history pages
     * backwards until they meet what the room had, and more joins forwards until the server has nothing newer.
     */
    async catchUp(room, since, snapshot) {
        const hub = this.#connection.hub;
        const add = (messages) => this.#store.update((s) => addMessages(s, room, messages || [], 'catch-up'));
        let oldestNew = snapshot.messages.length ? snapshot.messages[0].id : null;
        for (let page = 0; hub && oldestNew && page < CATCH_UP_ROUNDS; page++) {
            const history = await hub.getHistory(room, oldestNew, 100);
            const messages = history.messages || [];
            add(messages);
            if (!history.hasMore || !messages.length || messages.some((m) => m.id === since)) {
                break;
            }
            oldestNew = messages[0].id;
        }
        for (let round = 0; hub && round < CATCH_UP_ROUNDS; round++) {
            const before = this.#newestId(room);
            const more = await hub.joinRoom(room, before);
            add(more.messages);
            if (!more.hasMore || this.#newestId(room) === before) {
                break;
            }
        }
    }

    #newestId(room) {
        const messages = this.#store.state.rooms.get(room)?.messages ?? [];
        return messages.length ? messages[messages.length - 1].id : null;
    }

    #setLoading(room, loadingHistory) {
        this.#store.update((s) => updateRoom(s, room, (r) => ({ ...r, loadingHistory })));
    }
}
