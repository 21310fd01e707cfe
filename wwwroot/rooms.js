// The rooms this user is in: joining (and re-joining from the last message seen after every reconnect), opening
// direct rooms, leaving, choosing the one on screen, and the directory of other rooms. The hub's room events are in
// room-events.js, history paging and catch-up in history.js.

import { hubErrorText, isDirectRoom, involvesMe, isServerError, ROOM_PATTERN, sameUser, USER_PATTERN } from './chat-model.js';
import { applyUpdated } from './message-changes.js';
import { addRoom, applySnapshot, leaveRoom, markRead, removeRoom, reopenDirect, selectRoom, updateRoom } from './chat-state.js';
import { roomLabel } from './selectors.js';
import { applyServerUnread, fixDivider, noteReadMarker } from './unread.js';

const DIRECTORY_REFRESH_MS = 30_000;   // other rooms' online counts (joined rooms follow presence events)

export class Rooms {
    #store;
    #connection;
    #history;
    #pageVisible;
    #directoryTimer = 0;
    #readSent = new Map();   // room -> the newest id sent to MarkRead

    constructor(store, connection, history, { pageVisible }) {
        this.#store = store;
        this.#connection = connection;
        this.#history = history;
        this.#pageVisible = pageVisible;
    }

    /** After every start or reconnect: each room joined again from its newest message, so nothing is missed. */
    async resumeAll() {
        const rooms = [...this.#store.state.rooms.keys()];
        await Promise.all(rooms.map((room) => this.#join(room).catch((err) => this.#joinFailed(room, err))));
        this.refreshDirectory();
        const state = this.#store.state;
        if (!state.current && state.rooms.size) {
            this.select(state.rooms.keys().next().value);
        }
    }

    /** Joins (or re-joins) a room: a room that has messages asks only for what came after the newest one. */
    async #join(room) {
        this.#store.update((s) => addRoom(s, room));
        const hub = this.#connection.hub;
        if (!hub) {
            return;   // resumeAll() joins it once connected
        }
        const messages = this.#store.state.rooms.get(room).messages;
        const since = messages.length ? messages[messages.length - 1].id : null;
        const snapshot = await hub.joinRoom(room, since);
        if (!this.#store.state.rooms.has(room)) {
            return;   // left while joining
        }
        this.#store.update((s) => {
            const next = noteReadMarker(applyUpdated(applySnapshot(s, room, snapshot, since, this.#pageVisible()), snapshot.updated),
                room, snapshot.lastReadId);
            // The room on screen was waiting for its messages and marker to place the divider.
            return next.current === room && next.rooms.get(room).newSince === undefined ? fixDivider(next, room) : next;
        });
        if (since !== null && snapshot.hasMore) {
            await this.#history.catchUp(room, since, snapshot);
        }
    }

    /** The server refused a room on re-join (e.g. no longer a member): forget it, saying so, unsent messages and all. */
    #joinFailed(room, err) {
        if (!isServerError(err)) {
            console.warn(`Re-joining ${room} failed; the next reconnect tries again:`, err);
            return;
        }
        this.#drop(room, hubErrorText(err));
    }

    #drop(room, reason) {
        const state = this.#store.state;
        const unsent = state.outbox.filter((entry) => entry.room === room).length;
        const lost = unsent ? ` (${unsent} unsent message${unsent > 1 ? 's' : ''} not sent)` : '';
        const notice = `${roomLabel(state, room)}: ${reason}${lost}`;
        this.#store.update((s) => ({ ...removeRoom(s, room), notice }));
    }

    /** Opens a room from the join form or the directory: joins it and shows it. */
    async open(room) {
        const known = this.#store.state.rooms.has(room);
        try {
            const joining = this.#join(room);
            this.select(room);
            await joining;
            this.refreshDirectory();   // a room new to the directory, and its online count
        } catch (err) {
            if (!known) {
                this.#store.update((s) => removeRoom(s, room));
            }
            this.#setFormError('room', hubErrorText(err));
        }
    }

    /** The join form: a room name typed by the user (a leading # is fine). */
    openByName(input) {
        const room = input.trim().replace(/^#/, '').toLowerCase();
        if (!ROOM_PATTERN.test(room)) {
            this.#setFormError('room', 'Room names: 1–64 lower-case letters, digits, - or _, starting with a letter or digit.');
            return false;
        }
        this.#setFormError('room', '');
        this.open(room);
        return true;
    }

    /** Opens the direct room with userName (from the DM form or the people list); true when it opened. */
    async openDirect(input) {
        const userName = input.trim().replace(/^@/, '');
        const state = this.#store.state;
        const error = !USER_PATTERN.test(userName) ? 'Enter a user name (2–32 letters, digits, _ . -).'
            : sameUser(userName, state.user) ? 'That is you. Pick someone else.'
                : !this.#connection.hub ? 'Not connected yet; try again in a moment.' : '';
        this.#setFormError('dm', error);
        if (error) {
            return false;
        }
        try {
            const room = await this.#connection.hub.openDirectRoom(userName);
            this.#store.update((s) => reopenDirect(s, room));
            await this.open(room);
            return true;
        } catch (err) {
            this.#setFormError('dm', hubErrorText(err));
            return false;
        }
    }

    /** Shows a room; opening it (not a click on the one shown) places its "new messages" divider anew. */
    select(room) {
        this.#store.update((s) => (s.current === room ? selectRoom(s, room) : fixDivider(selectRoom(s, room), room)));
        this.#sendReadMarker(room);
    }

    markRead(room) {
        this.#store.update((s) => markRead(s, room));
        this.#sendReadMarker(room);
    }

    /** Moves the server's read marker to the newest message read, once per message, so other tabs and visits agree. */
    #sendReadMarker(room) {
        const hub = this.#connection.hub;
        const newest = this.#store.state.rooms.get(room)?.messages.at(-1)?.id;
        if (!hub || !newest || this.#readSent.get(room) === newest) {
            return;
        }
        this.#readSent.set(room, newest);
        this.#store.update((s) => noteReadMarker(s, room, newest));
        hub.markRead(room, newest).catch((err) => {
            this.#readSent.delete(room);
            console.warn(`MarkRead in ${room} failed:`, err);
        });
    }

    /** Leaves a room (closes a direct one: it stays closed until its other user writes again). */
    async leave(room) {
        this.#store.update((s) => leaveRoom(s, room));
        const hub = this.#connection.hub;
        if (!hub) {
            return;   // not joined on the server either once the connection is gone
        }
        try {
            await hub.leaveRoom(room);
        } catch (err) {
            this.#store.update((s) => ({ ...s, notice: hubErrorText(err) }));
        }
        this.refreshDirectory();
    }

    /** A direct room someone else opened with us: joined quietly, its messages from them counted as unread. */
    joinInBackground(room) {
        this.#join(room).then(() => {
            this.#store.update((s) => (s.current === room ? s : updateRoom(s, room, (r) => ({
                ...r,
                unread: r.messages.filter((m) => !sameUser(m.user, s.user)).length,
            }))));
        }, (err) => {
            console.warn(`Joining ${room} failed:`, err);
            if (isServerError(err)) {
                this.#store.update((s) => removeRoom(s, room));
            }
        });
    }

    /** The list of other rooms; direct rooms someone opened with us show up in it and are joined. */
    async refreshDirectory() {
        clearTimeout(this.#directoryTimer);
        const hub = this.#connection.hub;
        if (!hub) {
            return;
        }
        this.#directoryTimer = setTimeout(() => this.#pageVisible() && this.refreshDirectory(), DIRECTORY_REFRESH_MS);
        let directory;
        try {
            directory = await hub.listRooms();
        } catch (err) {
            console.warn('ListRooms failed; keeping the last list:', err);
            return;
        }
        const state = this.#store.state;
        const listed = Array.isArray(directory) ? directory : [];
        this.#store.update((s) => applyServerUnread({ ...s, directory: listed }, listed));
        for (const info of Array.isArray(directory) ? directory : []) {
            if (isDirectRoom(info.room) && involvesMe(info.room, state.user)
                && !state.rooms.has(info.room) && !state.closedDms.has(info.room)) {
                this.joinInBackground(info.room);
            }
        }
    }

    stop() {
        clearTimeout(this.#directoryTimer);
    }

    #setFormError(form, text) {
        this.#store.update((s) => (s.forms[form] === text ? s : { ...s, forms: { ...s.forms, [form]: text } }));
    }
}
